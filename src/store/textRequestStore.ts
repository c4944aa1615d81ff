// A short text the app asks the reader for (an arrow's text), answered in Lucent's own dialog.
import { create } from 'zustand';

export interface TextRequest {
  title: string;
  initial: string;
  answer: (text: string | undefined) => void;
}

export const useTextRequestStore = create<{ request: TextRequest | undefined }>()(() => ({ request: undefined }));

/** Asks; the dialog calls `answer` once (undefined when the reader cancels). */
export function askForText(title: string, initial: string, answer: (text: string | undefined) => void): void {
  useTextRequestStore.getState().request?.answer(undefined);
  useTextRequestStore.setState({
    request: {
      title,
      initial,
      answer: (text) => {
        useTextRequestStore.setState({ request: undefined });
        answer(text);
      },
    },
  });
}

// What went wrong, in words: anything thrown (an Error, a string, a rejected value) as its message.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

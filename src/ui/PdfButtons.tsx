// The PDF reports kept for a study, each a button that saves it for the system's PDF viewer.
import { openDocument } from '../app/priors';
import { useDocumentStore } from '../store/documentStore';

export function PdfButtons({ studyUID }: { studyUID: string }) {
  const documents = useDocumentStore((s) => s.byStudy[studyUID]) ?? [];
  return documents.map((d) => (
    <button
      key={d.sopInstanceUID}
      type="button"
      data-testid="prior-pdf"
      onClick={() => openDocument(d)}
      title={`Save ${d.title} to open it in your PDF viewer`}
      className="block text-left text-sky-300 hover:underline"
    >
      Open PDF: {d.title}
    </button>
  ));
}

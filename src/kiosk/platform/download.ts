/** Saves text as a file through the browser's download: a Blob URL on an <a download>, clicked once. */
export function downloadText(fileName: string, text: string, type = 'application/json', doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

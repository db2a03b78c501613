/** Replaces the address bar's URL without a reload or a history entry (drops a used enrollment code). */
export function replaceAddress(url: string, win: Window = window): void {
  try {
    win.history.replaceState(win.history.state, '', url);
  } catch {
    // a sandboxed or odd document: the code in the address bar is already spent, nothing to do
  }
}

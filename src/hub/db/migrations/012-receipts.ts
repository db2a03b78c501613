// The phone form's receipts (issue 16): an anonymous writer keeps a short code to read the answer later.
// Only its sha256 is stored, so the table never holds what would let someone read another's answer.
export const id = '012-receipts';

export const sql = `
ALTER TABLE suggestions ADD COLUMN receipt_hash text;
CREATE UNIQUE INDEX suggestions_receipt ON suggestions (receipt_hash) WHERE receipt_hash IS NOT NULL;
`;

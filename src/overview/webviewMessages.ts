// What the overview's webview may ask of the extension, checked on arrival: the webview is
// ours, but what it sends is treated as input all the same.

export type WebviewMessage =
  | { type: 'ready' | 'dashboard' | 'refresh' | 'scan' | 'showActivity' }
  | { type: 'filter'; filter: string }
  | { type: 'reveal'; numbers: number[] }
  | { type: 'copy'; number: number };

const isNumber = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n > 0;

export function readWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'dashboard':
    case 'refresh':
    case 'scan':
    case 'showActivity':
      return { type: m.type };
    case 'filter':
      return typeof m.filter === 'string' && m.filter.length <= 200 ? { type: 'filter', filter: m.filter } : undefined;
    case 'reveal':
      return Array.isArray(m.numbers) && m.numbers.length <= 1000 && m.numbers.every(isNumber)
        ? { type: 'reveal', numbers: m.numbers }
        : undefined;
    case 'copy':
      return isNumber(m.number) ? { type: 'copy', number: m.number } : undefined;
    default:
      return undefined;
  }
}

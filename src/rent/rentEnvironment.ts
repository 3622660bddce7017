// What the rent flows need from the editor: the shared Editor port plus the cart and the few
// things only renting uses. vscode/register.ts builds it; the unit tests build it in memory.
import type { Editor } from '../numbers/editor';
import type { Cart } from './cart';
import type { SpendLimits } from '../numbers/monthlySpend';
import type { LeaseLocks } from '../platform/leaseLocks';

export interface RentEnvironment extends Editor {
  cart: Cart;
  /** This window, in the marks it leaves on the cart it shares with other windows (vscode.env.sessionId). */
  windowId: string;
  /**
   * The machine's locks (the same folder as the assign writes): a cart checkout claims each
   * reservation there, since each window's copy of globalState (the cart's marks) syncs late.
   */
  claims?: LeaseLocks;
  maxPerRental(): number;
  /** The setting sinchNumbers.monthlySpendLimit, read (empty when no limit is set). */
  spendLimits(): SpendLimits;
  openDashboard(): Promise<void>;
  /** Runs Assign to Application… with these numbers. */
  assignNumbers(numbers: number[]): Promise<void>;
  /** Runs sinchNumbers.refresh (the Numbers view's own Refresh). */
  refreshView(): Promise<void>;
  /** Told that a checkout rented numbers (the walkthrough's Rent step ticks on it). */
  rented?(): void;
}

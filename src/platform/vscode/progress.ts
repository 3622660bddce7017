import * as vscode from 'vscode';

/** The part of the ClientProvider this needs: a signal that also aborts on deactivation. */
interface SignalSource {
  signal(caller?: AbortSignal): AbortSignal;
}

/**
 * Runs `task` under a cancellable notification progress. Its `signal` aborts when the user
 * presses Cancel or the extension deactivates, so requests stop at once, not after they answer.
 */
export function withCancellableProgress<T>(
  services: { clients: SignalSource },
  title: string,
  task: (report: (message: string) => void, signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (progress, token) => {
        const cancel = new AbortController();
        const subscription = token.onCancellationRequested(() => cancel.abort());
        try {
          return await task((message) => progress.report({ message }), services.clients.signal(cancel.signal));
        } finally {
          subscription.dispose();
        }
      },
    ),
  );
}

// Imported first by extension.ts, for its side effect: from here on every l10n.t, the core's
// and module-level constants included, uses VS Code's translations (l10n/bundle.l10n.*.json).
import * as vscode from 'vscode';
import { setTranslator } from '../l10n';

setTranslator((message, ...args) => vscode.l10n.t(message, ...args));

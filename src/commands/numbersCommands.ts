// STUB owned by the numbers-tree work.
import type { Services } from '../services';
import type { NumbersModel } from '../views/numbersModel';
import type { NumbersView } from '../views/numbersView';

export function registerNumbersCommands(_services: Services, _deps: { model: NumbersModel; view: NumbersView }): void {}

// STUB owned by the rent work.
import type { Cart } from '../../rent/cart';
import type { Services } from '../../services';
import type { NumbersModel } from '../../views/numbersModel';
import type { NumbersView } from '../../views/numbersView';

export function registerRentCommands(_services: Services, _deps: { model: NumbersModel; view: NumbersView; cart: Cart }): void {}

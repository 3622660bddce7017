// STUB owned by the sign-in work.
import type { Services } from '../services';
import type { NumbersModel } from '../views/numbersModel';

export function registerSessionFeatures(_services: Services, _deps: { model: NumbersModel }): void {}

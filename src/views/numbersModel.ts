// STUB owned by the numbers-tree work: replaced by the real model.
import type { Services } from '../services';
import type { RentedNumber } from '../sinch/types';
import { Emitter } from '../util/emitter';

export class NumbersModel {
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  numbers: readonly RentedNumber[] | undefined;
  constructor(private readonly services: Services) {}
  async refresh(): Promise<readonly RentedNumber[]> {
    const { api, organisationId } = this.services.session.current();
    this.numbers = await api.listRentedNumbers(organisationId);
    this.changed.fire();
    return this.numbers;
  }
  dispose(): void { this.changed.dispose(); }
}

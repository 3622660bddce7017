// The simulator's demo organisation, as every test layer signs in to it: defined once, from
// the simulator's own dataset.
import { demo } from '../simulator/datasets';

export const DEMO: { email: string; password: string; number: string; orgId: string; orgName: string } = {
  email: demo.user.email,
  password: demo.user.password,
  number: demo.user.phone,
  orgId: demo.orgId,
  orgName: 'Acme',
};

/** The reference document's application (it holds +1 415-000-5551 in the demo dataset). */
export const DEMO_APP: string = demo.voiceApp;

/** The demo application that holds SMS numbers. */
export const DEMO_SMS_APP: string = demo.smsApp;

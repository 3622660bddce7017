// Which organisation a sign-in works with when the login has several (GET /v1/organisations
// answered a list): the one the account chose before, else the user's pick.
import { l10n } from '../platform/l10n';
import { BACK, orCancel, type PickItem, type Prompter } from '../platform/prompter';
import type { Organisation } from '../sinch/types';
import type { OrganisationSummary } from './account';

/** Asks which of several organisations to work with; throws UserCancelled on Escape. */
export type OrganisationChooser = (organisations: readonly Organisation[]) => Promise<Organisation>;

/** Thrown when Sinch lists no organisation for the login: there is nothing to manage. */
export class NoOrganisationError extends Error {
  override readonly name = 'NoOrganisationError';
  constructor() {
    super(
      l10n.t(
        'Sinch lists no organisation for this login, so there are no numbers to manage. Check the account in the Sinch Dashboard.',
      ),
    );
  }
}

/**
 * The organisation to sign in to: the only one; the one this account chose before, when the
 * login still has it; else the chooser's pick. Without a chooser (no one to ask) the first.
 */
export async function chooseOrganisation(
  organisations: readonly Organisation[],
  rememberedId: string | undefined,
  choose?: OrganisationChooser,
): Promise<Organisation> {
  if (organisations.length === 0) throw new NoOrganisationError();
  if (organisations.length === 1) return organisations[0];
  const remembered = organisations.find((o) => o.id === rememberedId);
  if (remembered) return remembered;
  return choose ? choose(organisations) : organisations[0];
}

/** What the account keeps of a login's organisations (only when there are several). */
export function organisationSummaries(organisations: readonly Organisation[]): OrganisationSummary[] | undefined {
  if (organisations.length < 2) return undefined;
  return organisations.map((o) => ({
    id: o.id,
    ...(o.name && { name: o.name }),
    ...(o.countryId && { countryId: o.countryId }),
  }));
}

/** The label of an organisation in a pick: its name, or its id when it has none. */
export function organisationItem(o: OrganisationSummary): PickItem {
  return {
    label: `$(organization) ${o.name || o.id}`,
    description: l10n.t('Organisation {0}', o.id),
    detail: o.countryId ? l10n.t('Country: {0}', o.countryId) : undefined,
  };
}

/** The sign-in's quick pick: name, id and country of each organisation of the login. */
export function askOrganisation(prompter: Prompter): OrganisationChooser {
  return async (organisations) => {
    const items = organisations.map((o) => ({ ...organisationItem(o), organisation: o }));
    const picked = orCancel(
      await prompter.pick({
        title: l10n.t('Sign In to Sinch'),
        placeholder: l10n.t('This login has {0} organisations: choose the one to work with', organisations.length),
        items,
        matchOnDescription: true,
        matchOnDetail: true,
      }),
    );
    // No Back here: the password step is behind a request already made.
    if (picked === BACK) return orCancel<Organisation>(undefined);
    return picked.organisation;
  };
}

/**
 * The endpoint list: one typed method per Sinch number administration endpoint, each saying
 * where it goes, how it is signed, when it may be sent again and how its answer is read. The
 * input is checked here (guards.ts) before anything is sent; sending is requestPipeline.ts.
 */
import {
  assertApplicationKey,
  assertCapability,
  assertEndpointUrl,
  assertOrganisationId,
  isValidPhoneNumber,
  normaliseEmail,
  parsePhoneNumber,
} from './guards';
import { InputError } from '../platform/errors';
import type { SignatureFormMemory } from './signatureForm';
import type { OrganisationShape } from './dialect';
import type { RetryPolicy } from './retryPolicy';
import {
  RequestPipeline,
  stripUndefined,
  type CallOptions,
  type ListProgress,
  type ListRead,
  type PipelineOptions,
  type RequestAuth,
} from './requestPipeline';
import {
  DEFAULT_ENDPOINTS,
  type Capability,
  type Endpoints,
  type Identity,
  type Instance,
  type InstanceVersion,
  type LoginResult,
  type NumberGroup,
  type Organisation,
  type RentedNumber,
  type ReserveRequest,
} from './types';
import {
  readInstance,
  readLoginResult,
  readNumberGroups,
  readOrganisations,
  readRentedNumber,
  readReservation,
  type ValueSharing,
} from './wire';
import { l10n } from '../platform/l10n';

export { DEFAULT_MAX_RESPONSE_BYTES, type CallOptions, type FetchLike, type ListProgress } from './requestPipeline';
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retryPolicy';

/** The pipeline's seams and limits (PipelineOptions), with any endpoint left to its default. */
export interface SinchClientOptions extends Omit<PipelineOptions, 'endpoints'> {
  /** Base URLs; https, or http only to loopback; the constructor throws `InputError` otherwise. */
  endpoints?: Partial<Endpoints>;
}

/** A list call: the call's options, and a report as the list arrives (after each part). */
export interface ListOptions extends CallOptions {
  onProgress?: (progress: ListProgress) => void;
}

/**
 * Where the numbers of a list go as they arrive, each already checked. A call takes a new
 * collector for every attempt, since a retry reads the list from the start.
 */
export interface NumberCollector<T> {
  /** Repeated values (cities, capability lists, money) are made one, so the collected list stays small. */
  readonly share?: ValueSharing;
  add(n: RentedNumber): void;
  finish(): T;
}

/** `GET /v1/organisations` as answered: one object (the reference) or a list (Sinch's sample code), read as a list. */
export interface OrganisationsAnswer {
  shape: OrganisationShape;
  organisations: Organisation[];
}

/** The number administration endpoints that need an Instance-signed request. */
export interface InstanceApi {
  /** `GET {api}/v1/organisations`: one Organisation object or a list of them. */
  getOrganisations(opts?: CallOptions): Promise<OrganisationsAnswer>;
  /** `GET {portalApi}/v1/organisations/id/{orgId}/numbers/shop[?type=sms|voice]`. */
  listShopGroups(orgId: string, opts?: CallOptions & { type?: Capability }): Promise<NumberGroup[]>;
  /** `PUT {portalApi}/v1/organisations/id/{orgId}/numbers/shop` → `{ referenceId }`. Never retried once it may have been sent. */
  reserve(orgId: string, req: ReserveRequest, opts?: CallOptions): Promise<{ referenceId: string }>;
  /** `POST {portalApi}/v1/organisations/id/{orgId}/numbers/shop` with `{ referenceIds }` → 204. Spends money: the client never retries it; after a lost answer the rent flow sends the same ids once more, which cannot buy twice (checkoutRun.ts). */
  checkout(orgId: string, referenceIds: string[], opts?: CallOptions): Promise<void>;
  /** `GET {portalApi}/v1/organisations/id/{orgId}/numbers`. */
  listRentedNumbers(orgId: string, opts?: ListOptions): Promise<RentedNumber[]>;
  /**
   * `GET {portalApi}/v1/organisations/id/{orgId}/numbers`, read as it arrives: each number is
   * checked as soon as its JSON is complete and goes to a collector from `collect` (a new one
   * per attempt). Resolves with that collector's `finish()`; a cancel stops the transfer.
   */
  streamRentedNumbers<T>(orgId: string, collect: () => NumberCollector<T>, opts?: ListOptions): Promise<T>;
  /** `GET {portalApi}/v1/applications/key/{appKey}/numbers`. */
  listApplicationNumbers(appKey: string, opts?: ListOptions): Promise<RentedNumber[]>;
  /**
   * `PUT {portalApi}/v1/applications/key/{appKey}/numbers/{capability}` with `{ numbers }`: OVERWRITES that capability's set; returns the application's numbers.
   * Retried after a definite failure only; after an unknown outcome (reset, timeout, a gateway's page) it throws, and the caller re-reads before writing again.
   */
  assignNumbers(appKey: string, capability: Capability, numbers: number[], opts?: CallOptions): Promise<RentedNumber[]>;
  /** `DELETE {portalApi}/v1/applications/key/{appKey}/numbers/{number}` → 204 (also when the number was not on the application). */
  unassignNumber(appKey: string, number: number, opts?: CallOptions): Promise<void>;
}

/**
 * The Sinch number administration client: one typed method per endpoint, each request
 * signed by `signing.ts`, with timeouts, safe retries, clock-skew correction and
 * every failure mapped to a `SinchApiError`.
 */
export class SinchClient {
  readonly endpoints: Endpoints;
  private readonly pipeline: RequestPipeline;

  constructor(options: SinchClientOptions = {}) {
    const endpoints = { ...DEFAULT_ENDPOINTS, ...stripUndefined(options.endpoints ?? {}) };
    this.endpoints = Object.freeze({
      userApi: assertEndpointUrl(endpoints.userApi),
      api: assertEndpointUrl(endpoints.api),
      portalApi: assertEndpointUrl(endpoints.portalApi),
    });
    this.pipeline = new RequestPipeline({ ...options, endpoints: this.endpoints });
  }

  /** Server time minus local time, learned from a 40101 answer's Date header; added to every later x-timestamp. */
  get clockOffsetMs(): number {
    return this.pipeline.clockOffsetMs;
  }

  /** Server Date minus local time from the last answer that had a Date header (second precision). */
  get lastServerDateSkewMs(): number | undefined {
    return this.pipeline.lastServerDateSkewMs;
  }

  /** The signature form per host, when `instance()` is given no memory of its own. */
  get signatureForms(): SignatureFormMemory {
    return this.pipeline.signatureForms;
  }

  /** The retry policy in force: the default with what the options replaced. */
  get retry(): Readonly<RetryPolicy> {
    return this.pipeline.retry;
  }

  /** `POST {userApi}/v1/users/{type}/{identity}/authentication` with `{ password }`, Application scheme. */
  async login(identity: Identity, password: string, opts?: CallOptions): Promise<LoginResult> {
    const endpoint =
      identity.type === 'email' ? normaliseEmail(identity.endpoint) : `+${parsePhoneNumber(identity.endpoint)}`;
    if (identity.type === 'email' && endpoint === '')
      throw new InputError(l10n.t('Enter the email address of your Sinch account.'));
    if (typeof password !== 'string' || password === '')
      throw new InputError(l10n.t('Enter the password of your Sinch account.'));
    return this.pipeline.call(
      {
        method: 'POST',
        host: 'userApi',
        path: `/v1/users/${identity.type === 'email' ? 'email' : 'number'}/${encodeURIComponent(endpoint)}/authentication`,
        body: { password },
        auth: { scheme: 'application' },
        // It carries the password: sent again only when it never left.
        idempotent: true,
        sendOnce: true,
        read: { parse: readLoginResult, expected: l10n.t('a log-in result') },
      },
      opts,
    );
  }

  /** `POST {api}/v1/instance` with `{ authorization, version: { os, platform } }`, User scheme. */
  async createInstance(userToken: string, version: InstanceVersion, opts?: CallOptions): Promise<Instance> {
    if (typeof userToken !== 'string' || userToken === '') throw new InputError(l10n.t('Sign in to Sinch first.'));
    return this.pipeline.call(
      {
        method: 'POST',
        host: 'api',
        path: '/v1/instance',
        body: { authorization: userToken, version: { os: version.os, platform: version.platform } },
        auth: { scheme: 'user', token: userToken },
        // Each extra call would leave a live instance for 48 h: sent again only when it never left.
        idempotent: false,
        sendOnce: true,
        read: { parse: readInstance, expected: l10n.t('an instance') },
      },
      opts,
    );
  }

  /** The Instance-signed endpoints, signed with these credentials in the form `forms` knows for each host (see signatureForm.ts). */
  instance(credentials: { id: string; secret: string }, forms: SignatureFormMemory = this.signatureForms): InstanceApi {
    const auth: RequestAuth = { scheme: 'instance', id: credentials.id, secret: credentials.secret, forms };
    const org = (orgId: string) => `/v1/organisations/id/${assertOrganisationId(orgId)}/numbers`;
    const app = (appKey: string) => `/v1/applications/key/${assertApplicationKey(appKey)}/numbers`;
    const numbers = (opts?: ListOptions) => listOf(arrayCollector, opts);
    return {
      getOrganisations: async (opts) =>
        this.pipeline.call(
          {
            method: 'GET',
            host: 'api',
            path: '/v1/organisations',
            auth,
            idempotent: true,
            read: { parse: readOrganisations, expected: l10n.t('an organisation or a list of them') },
          },
          opts,
        ),

      listShopGroups: async (orgId, opts) => {
        const query = opts?.type === undefined ? undefined : `?type=${assertCapability(opts.type)}`;
        return this.pipeline.call(
          {
            method: 'GET',
            host: 'portalApi',
            path: `${org(orgId)}/shop`,
            query,
            auth,
            idempotent: true,
            read: { parse: readNumberGroups, expected: l10n.t('a list of number groups') },
          },
          opts,
        );
      },

      reserve: async (orgId, req, opts) => {
        const body = checkReserveRequest(req);
        return this.pipeline.call(
          {
            method: 'PUT',
            host: 'portalApi',
            path: `${org(orgId)}/shop`,
            body,
            auth,
            idempotent: false,
            read: { parse: readReservation, expected: l10n.t('a reservation') },
          },
          opts,
        );
      },

      checkout: async (orgId, referenceIds, opts) => {
        if (
          !Array.isArray(referenceIds) ||
          referenceIds.length === 0 ||
          !referenceIds.every((r) => typeof r === 'string' && r.trim() !== '')
        ) {
          throw new InputError(l10n.t('Nothing to check out: no reservation ids were given.'));
        }
        await this.pipeline.call(
          {
            method: 'POST',
            host: 'portalApi',
            path: `${org(orgId)}/shop`,
            body: { referenceIds: [...referenceIds] },
            auth,
            idempotent: false,
            read: null,
          },
          opts,
        );
      },

      listRentedNumbers: async (orgId, opts) =>
        this.pipeline.call(
          { method: 'GET', host: 'portalApi', path: org(orgId), auth, idempotent: true, read: numbers(opts) },
          opts,
        ),

      streamRentedNumbers: async (orgId, collect, opts) =>
        this.pipeline.call(
          { method: 'GET', host: 'portalApi', path: org(orgId), auth, idempotent: true, read: listOf(collect, opts) },
          opts,
        ),

      listApplicationNumbers: async (appKey, opts) =>
        this.pipeline.call(
          { method: 'GET', host: 'portalApi', path: app(appKey), auth, idempotent: true, read: numbers(opts) },
          opts,
        ),

      assignNumbers: async (appKey, capability, list, opts) => {
        if (!Array.isArray(list)) throw new InputError(l10n.t('The numbers to assign must be a list.'));
        const bad = list.find((n) => !isValidPhoneNumber(n));
        if (bad !== undefined)
          throw new InputError(l10n.t('{0} is not a valid phone number, so it cannot be assigned.', String(bad)));
        // A definite failure (503, 429) is retried: nothing was written. After an unknown outcome the writer re-reads instead.
        return this.pipeline.call(
          {
            method: 'PUT',
            host: 'portalApi',
            path: `${app(appKey)}/${assertCapability(capability)}`,
            body: { numbers: [...list] },
            auth,
            idempotent: true,
            mergedFromRead: true,
            read: numbers(),
          },
          opts,
        );
      },

      unassignNumber: async (appKey, number, opts) => {
        if (!isValidPhoneNumber(number))
          throw new InputError(l10n.t('{0} is not a valid phone number, so it cannot be unassigned.', String(number)));
        await this.pipeline.call(
          { method: 'DELETE', host: 'portalApi', path: `${app(appKey)}/${number}`, auth, idempotent: true, read: null },
          opts,
        );
      },
    };
  }
}

/** The numbers of a list, read as they arrive, each checked with `readRentedNumber`. */
function listOf<T>(collect: () => NumberCollector<T>, opts?: ListOptions): ListRead<T> {
  return {
    expected: l10n.t('a list of numbers'),
    start: () => {
      const collector = collect();
      return {
        add: (element) => {
          const n = readRentedNumber(element, collector.share);
          if (n === undefined) return false;
          collector.add(n);
          return true;
        },
        finish: () => collector.finish(),
      };
    },
    onProgress: opts?.onProgress,
  };
}

/** Collects a list into a plain array (every call that wants the list whole). */
function arrayCollector(): NumberCollector<RentedNumber[]> {
  const list: RentedNumber[] = [];
  return { add: (n) => void list.push(n), finish: () => list };
}

function checkReserveRequest(req: ReserveRequest): ReserveRequest {
  if (!req || !Number.isSafeInteger(req.groupId) || req.groupId < 0)
    throw new InputError(l10n.t('Choose a number group to rent from.'));
  if (!Number.isSafeInteger(req.quantity) || req.quantity < 1)
    throw new InputError(l10n.t('The quantity must be a whole number of at least 1.'));
  if (!Array.isArray(req.capabilities))
    throw new InputError(l10n.t('The capabilities must be a list of sms and voice.'));
  return { groupId: req.groupId, quantity: req.quantity, capabilities: req.capabilities.map(assertCapability) };
}

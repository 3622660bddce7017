// The log line for something learned about a Sinch host (see dialectMemory.ts). English, as
// the whole log is; times in ISO so they can be matched with Sinch's own logs.
import type { DialectNews } from './dialectMemory';

export function describeNews(news: DialectNews): string {
  const at = new Date(news.learned.learnedAt).toISOString();
  switch (news.kind) {
    case 'signatureForm': {
      const form =
        news.learned.form === 'reference'
          ? 'the path without its leading slash (the reference form)'
          : "the path with its leading slash (the form of Sinch's signing library)";
      const why = news.learned.afterRefusal
        ? ', after a 40102 for the other form; later requests sign this way at once'
        : '';
      return `Signature form for ${news.host}: ${form}, learned ${at}${why}.`;
    }
    case 'organisations':
      return news.learned.shape === 'object'
        ? `Organisations: GET /v1/organisations answers one object (learned ${at}).`
        : `Organisations: GET /v1/organisations answers a list of ${news.learned.count} (learned ${at}).`;
    case 'assignScope': {
      if (news.learned.scope === 'capability')
        return `Assign scope for ${news.host}: per capability, as the reference (learned ${at}).`;
      const e = news.learned.evidence;
      const how = e ? `: a ${e.capability} write to ${e.appKey} removed ${e.removed.join(', ')}` : '';
      return `Assign scope for ${news.host}: whole set, an assign replaces all of an application's numbers (learned ${at}${how}); every later assign sends the whole set.`;
    }
  }
}

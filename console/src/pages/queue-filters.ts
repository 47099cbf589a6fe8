// The queue's filters: status, origin, destination (posts and admin, who see both directions), rule, received from/to
// and the order. The origin, destination and rule options come from what is loaded and only grow.
import { clear, field, h, select } from '../dom';
import type { filterOptions, QueueFilters, SortOrder } from '../logic/queue';
import { type Identity, STATUSES, type ParcelStatus } from '../logic/types';
import { statusWords } from '../logic/words';

export interface QueueFilterControls {
  form: HTMLFormElement;
  /** Offers what is loaded in the origin, destination and rule filters. */
  refill(opts: ReturnType<typeof filterOptions>): void;
  /** A count's button: filters on its status, or drops that filter when it is the one applied. */
  toggleStatus(s: ParcelStatus): void;
}

/** Keeps a select's options in step with what is loaded, keeping the current choice. */
function refill(s: HTMLSelectElement, values: string[], anyLabel: string): void {
  // Options only grow: a server-side filter narrows what is loaded, and the reader must still be able to pick another.
  const current = s.value;
  const wanted = ['', ...[...new Set([...[...s.options].map((o) => o.value).filter(Boolean), ...values])].sort()];
  if ([...s.options].map((o) => o.value).join('|') === wanted.join('|')) return;
  clear(s);
  for (const v of wanted) s.append(h('option', { value: v }, v || anyLabel));
  s.value = current;
}

function controls(seesScore: boolean, order: SortOrder) {
  return {
    status: select([{ value: '', label: 'Any status' }, ...STATUSES.map((s) => ({ value: s, label: statusWords(s) }))], '', { name: 'status' }),
    origin: select([{ value: '', label: 'Any origin' }], '', { name: 'originCountry' }),
    destination: select([{ value: '', label: 'Any destination' }], '', { name: 'destinationCountry' }),
    rule: select([{ value: '', label: 'Any rule' }], '', { name: 'ruleId' }),
    from: h('input', { type: 'date', name: 'receivedFrom' }),
    to: h('input', { type: 'date', name: 'receivedTo' }),
    order: select([...(seesScore ? [{ value: 'score', label: 'Referrals first, highest score first' }] : []), { value: 'newest', label: 'Referrals first, newest first' }], order, {
      name: 'order',
    }),
  };
}

/**
 * The filters form. A change is read into `filters` (the object the page lists and draws with), then `onChange` is
 * called with the order chosen.
 */
export function queueFilters(who: Identity, filters: QueueFilters, seesScore: boolean, order: SortOrder, onChange: (order: SortOrder) => void): QueueFilterControls {
  const c = controls(seesScore, order);
  const showDestination = who.role === 'admin' || who.role === 'post';
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters', onsubmit: (e: Event) => e.preventDefault() },
    field('Status', c.status),
    field('Origin country', c.origin),
    showDestination ? field('Destination country', c.destination) : null,
    field('Rule', c.rule),
    field('Received from', c.from),
    field('Received to', c.to),
    field('Order', c.order),
  );
  form.addEventListener('change', () => {
    const v = (s: HTMLSelectElement | HTMLInputElement) => s.value || undefined;
    filters.status = v(c.status) as ParcelStatus | undefined;
    filters.originCountry = v(c.origin);
    filters.destinationCountry = v(c.destination);
    filters.ruleId = v(c.rule);
    filters.receivedFrom = v(c.from);
    filters.receivedTo = v(c.to);
    onChange(c.order.value as SortOrder);
  });
  return {
    form,
    refill(opts) {
      refill(c.origin, opts.origins, 'Any origin');
      refill(c.destination, opts.destinations, 'Any destination');
      refill(c.rule, opts.rules, 'Any rule');
    },
    toggleStatus(s) {
      c.status.value = filters.status === s ? '' : s;
      form.dispatchEvent(new Event('change'));
    },
  };
}

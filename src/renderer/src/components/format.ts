// Display helpers shared by the views.
import type { EntityType } from '../../../shared/model';

export function formatDate(value: string | null): string {
  if (!value) return '';
  return value.length > 10 ? value.slice(0, 10) : value;
}

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  person: 'Person',
  organisation: 'Organisation',
  place: 'Place',
  event: 'Event',
};

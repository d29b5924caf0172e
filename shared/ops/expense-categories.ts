import type { TxEntities } from '../db/service.js';
import type { BusinessRecord } from './context.js';
import { conflict, invalidInput } from './errors.js';
import { text } from './schemas.js';

/**
 * Expense categories: a default list every business has without storing anything, plus the
 * categories the business added (business.expenseCategories). create_expense and update_expense
 * accept any category: one that matches a known category without regard to case takes that
 * category's spelling ("travel" is "Travel"); anything else becomes a new category of the
 * business in the same transaction, and the result says so (`category_added`), so an assistant
 * can tell the person and a typo is visible at once rather than silently accepted.
 */
export const defaultExpenseCategories = [
  'Travel',
  'Meals',
  'Software',
  'Hardware',
  'Office supplies',
  'Subcontractors',
  'Advertising',
  'Training',
  'Bank fees',
  'Other',
] as const;

/** Enough for any real chart of expenses; more is a runaway assistant inventing one per expense. */
export const maxCustomCategories = 100;

/** A category as given: trimmed, inner whitespace collapsed, 1-50 characters. */
export const categoryField = text(50)
  // A refinement, not a pattern: a JSON Schema pattern has no unicode flag for clients to honour.
  .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters')
  .transform((s) => s.normalize('NFC').replace(/\s+/g, ' '))
  .describe(`A category, e.g. ${defaultExpenseCategories.join(', ')}; a new one is added to the business's categories`);

/** How categories are compared, stored for filters and totals (expense.categoryKey). */
export function categoryKeyOf(category: string): string {
  return category.normalize('NFKC').toLocaleLowerCase('en');
}

/** The business's categories: the defaults first, then its own in alphabetical order. */
export function knownCategories(business: BusinessRecord): string[] {
  const custom = [...(business.expenseCategories ?? [])].sort((a, b) => a.localeCompare(b, 'en'));
  return [...defaultExpenseCategories, ...custom];
}

function findKnown(business: BusinessRecord, category: string): string | undefined {
  const key = categoryKeyOf(category);
  return knownCategories(business).find((c) => categoryKeyOf(c) === key);
}

export interface ResolvedCategory {
  category: string;
  categoryKey: string;
  /** True when the category is new to the business and the write must add it. */
  added: boolean;
}

/** The category an expense will carry, and whether the business gains it. */
export function resolveCategory(business: BusinessRecord, given: string): ResolvedCategory {
  const known = findKnown(business, given);
  if (known) return { category: known, categoryKey: categoryKeyOf(known), added: false };
  if ((business.expenseCategories?.length ?? 0) >= maxCustomCategories) {
    throw conflict(
      `This business already has ${maxCustomCategories} categories of its own, the most it may have; use one of them: ${knownCategories(business).join(', ')}.`,
    );
  }
  return { category: given, categoryKey: categoryKeyOf(given), added: true };
}

/** The category key a list filter names; a category the business does not have is invalid input, with the list. */
export function filterCategoryKey(business: BusinessRecord, given: string): string {
  const known = findKnown(business, given);
  if (!known) {
    const message = `${given} is not a category of this business; its categories are ${knownCategories(business).join(', ')}`;
    throw invalidInput(`Invalid input: category: ${message}`, { fields: [{ field: 'category', message }] });
  }
  return categoryKeyOf(known);
}

/** The write that remembers a new category on the business: an ADD to a set, safe to repeat. */
export function categoryAddWrite(e: TxEntities, businessId: string, category: string) {
  return e.business.patch({ businessId }).add({ expenseCategories: [category] }).commit();
}

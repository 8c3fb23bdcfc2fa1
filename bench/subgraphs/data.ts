/**
 * The data of the four benchmark subgraphs, sized like The Guild's graphql-gateways-benchmark
 * (6 users, 9 products, 11 reviews with bodies of the same lengths). Synthetic: the names and
 * texts are made up here.
 */
export interface User {
  id: string;
  name: string;
  username: string;
  birthday: number;
}

export interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}

export interface Review {
  id: string;
  body: string;
  productUpc: string;
}

export const USERS: readonly User[] = [
  ['1', 'Ada Jansen', 'ajansen'],
  ['2', 'Bram de Vries', 'bdevries'],
  ['3', 'Cor Bakker', 'cbakker'],
  ['4', 'Dirk Visser', 'dvisser'],
  ['5', 'Eva Smit', 'esmit'],
  ['6', 'Fleur Mulder', 'fmulder'],
].map(([id, name, username]) => ({ id: id!, name: name!, username: username!, birthday: 1234567890 }));

export const PRODUCTS: readonly Product[] = [
  ['1', 'Table', 899, 100],
  ['2', 'Couch', 1299, 1000],
  ['3', 'Glass', 15, 20],
  ['4', 'Chair', 499, 100],
  ['5', 'TV', 1299, 1000],
  ['6', 'Lamp', 6999, 300],
  ['7', 'Grill', 3999, 2000],
  ['8', 'Fridge', 100000, 6000],
  ['9', 'Sofa', 9999, 800],
].map(([upc, name, price, weight]) => ({ upc: upc as string, name: name as string, price: price as number, weight: weight as number }));

export const INSTOCK: ReadonlyMap<string, boolean> = new Map(
  [true, false, false, false, true, true, true, false, true].map((inStock, i) => [String(i + 1), inStock]),
);

const WORDS = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa quebec romeo sierra tango'.split(' ');

/** Deterministic filler text of exactly `length` characters. */
function filler(seed: number, length: number): string {
  let text = '';
  for (let i = 0; text.length < length; i += 1) text += `${text ? ' ' : ''}${WORDS[(seed * 7 + i * 3) % WORDS.length]}`;
  return `${text.slice(0, length - 1)}.`;
}

// Review id, product upc, body length (as in the public benchmark).
export const REVIEWS: readonly Review[] = [
  [1, '1', 446], [2, '1', 297], [3, '1', 276], [4, '1', 143], [5, '2', 446], [6, '2', 297],
  [7, '2', 276], [8, '2', 143], [9, '3', 143], [10, '4', 143], [11, '4', 868],
].map(([id, upc, length]) => ({ id: String(id), productUpc: upc as string, body: filler(id as number, length as number) }));

/** As in the public benchmark: every review's author is user 1, and every user's reviews are the first two. */
export const AUTHOR_ID = '1';
export const REVIEWS_OF_ANY_USER: readonly Review[] = REVIEWS.slice(0, 2);

/** In stock, ships free above 1000, else half the weight (integer). */
export function shippingEstimate(price: number | null | undefined, weight: number | null | undefined): number | null {
  if (typeof price !== 'number') return null;
  if (price > 1000) return 0;
  return typeof weight === 'number' ? Math.trunc(weight / 2) : null;
}

/** Postgres type oid of int8 (bigint): both drivers parse it into a JS number (seq values stay far below 2^53). */
export declare const INT8_OID = 20;
export declare function parseInt8(text: string): number;

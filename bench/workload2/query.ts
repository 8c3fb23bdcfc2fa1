/** Workload 2: the combined view of scenario 1's address across every partner (the e2e tests' query). */
import { combinedView } from '../../tests/e2e-federation/queries.ts';

export const SCENARIO_1_ADRES = '9999200000900001';
export const PROJECT = 'wijkaanpak-2026';
export const PURPOSE = 'uitkeringsfraude';
export const QUERY = combinedView(SCENARIO_1_ADRES);
export const SELECT = `mutation { selecteerAdres(project: "${PROJECT}", adresId: "${SCENARIO_1_ADRES}", reden: "Signals of two partners overlap on this address (bench).") { id } }`;

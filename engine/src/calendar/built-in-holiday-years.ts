import type { HolidayYear } from './holiday-year.js';
import { holidays2025 } from './holidays/2025.js';
import { holidays2026 } from './holidays/2026.js';
import { holidays2027 } from './holidays/2027.js';

/** The arrangements shipped with the engine; years given at run time override these. */
export const builtInHolidayYears: readonly HolidayYear[] = [holidays2025, holidays2026, holidays2027];

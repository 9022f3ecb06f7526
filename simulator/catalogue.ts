/** The simulated operation: who works there, what it sells, how it classifies calls. */

const FIRST_NAMES = ['Ana', 'Carlos', 'Diana', 'Felipe', 'Gloria', 'Hernán', 'Isabel', 'Jorge', 'Laura', 'Mateo',
  'Natalia', 'Óscar', 'Paula', 'Ricardo', 'Sofía', 'Tomás', 'Valentina', 'Wilson', 'Ximena', 'Yesid'] as const;
const LAST_NAMES = ['Gómez', 'Rodríguez', 'Martínez', 'López', 'García', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
  'Díaz', 'Vargas', 'Castro', 'Rojas', 'Moreno', 'Jiménez', 'Muñoz', 'Ortiz', 'Herrera', 'Suárez', 'Cárdenas'] as const;

export interface Named {
  readonly id: string;
  readonly name: string;
}

/** 40 agents with 40 distinct names: the second round of first names takes the next last name (7 × 20 ≡ 0 mod 20 would repeat the first round's). */
export const AGENTS: readonly Named[] = Array.from({ length: 40 }, (_, i) => ({
  id: String(1001 + i),
  name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7 + Math.floor(i / FIRST_NAMES.length)) % LAST_NAMES.length]}`,
}));

export const CAMPAIGNS: readonly string[] = ['3001', '3002', '3003', '3004', '3005', '3006', '3007', '3008'];

export const SKILLS: readonly Named[] = [
  { id: '1', name: 'Ventas' },
  { id: '2', name: 'Soporte técnico' },
  { id: '3', name: 'Cobranza' },
  { id: '4', name: 'Retención' },
  { id: '5', name: 'Facturación' },
  { id: '6', name: 'Clientes VIP' },
];

/** `-` is how wolkvox writes "no code". */
export const ACTIVITY_CODES: readonly (readonly [string, string])[] = [
  ['400', 'Venta realizada'],
  ['401', 'No interesado'],
  ['402', 'Volver a llamar'],
  ['403', 'Número equivocado'],
  ['TIMEOUTACW', 'Tiempo de ACW agotado'],
  ['-', ''],
];

export const SECONDARY_CODES: readonly (readonly [string, string])[] = [
  ['-', ''],
  ['-', ''],
  ['-', ''],
  ['10', 'Cliente satisfecho'],
  ['11', 'Escalado a supervisor'],
];

/**
 * Where calls go: wolkvox's `destiny` text, the price per billed minute (ten-thousandths of the
 * currency unit), how often it is dialed, and how its numbers look in `telephone`. Numbers are written
 * as operations' trunks write them: nationally (`3101234567`), as E.164 without `+` (`573101234567`),
 * through Colombia's international prefix `009`, or with `+`; a few callers are `anonymous`.
 */
export interface Destination {
  readonly destiny: string;
  readonly ratePerMinute: number;
  readonly weight: number;
  /** The ISO country its numbers belong to; null when no country can be read from them. */
  readonly country: string | null;
  /** Number shapes; `#` is a random digit. */
  readonly numbers: readonly string[];
}

export const DESTINATIONS: readonly Destination[] = [
  { destiny: 'Colombia Móvil Claro', ratePerMinute: 350, weight: 30, country: 'CO', numbers: ['310#######', '57311#######', '320#######'] },
  { destiny: 'Colombia Móvil Movistar', ratePerMinute: 340, weight: 15, country: 'CO', numbers: ['315#######', '57316#######'] },
  { destiny: 'Colombia Móvil Tigo', ratePerMinute: 360, weight: 15, country: 'CO', numbers: ['300#######', '57301#######'] },
  { destiny: 'Bogotá Fijo', ratePerMinute: 125, weight: 20, country: 'CO', numbers: ['601#######', '57601#######'] },
  { destiny: 'Medellín Fijo', ratePerMinute: 130, weight: 8, country: 'CO', numbers: ['604#######'] },
  { destiny: 'Estados Unidos', ratePerMinute: 1800, weight: 4, country: 'US', numbers: ['0091202555####', '+1305555####'] },
  { destiny: 'México Móvil', ratePerMinute: 2100, weight: 3, country: 'MX', numbers: ['5255########', '+5255########'] },
  { destiny: 'España Móvil', ratePerMinute: 2600, weight: 2, country: 'ES', numbers: ['+346########'] },
  { destiny: 'Ecuador Móvil', ratePerMinute: 2400, weight: 2, country: 'EC', numbers: ['5939########'] },
  { destiny: 'Desconocido', ratePerMinute: 0, weight: 1, country: null, numbers: ['anonymous', '0000'] },
];

/** The `destiny` of calls between extensions: no telephone country, no cost. */
export const INTERNAL_DESTINY = 'Interno';

/** Share of a day's calls in each local hour: a business-hours shape with morning and afternoon peaks. */
export const HOURLY_SHAPE: readonly number[] = (() => {
  const raw = [1, 1, 1, 1, 1, 2, 6, 20, 50, 80, 90, 85, 60, 55, 80, 85, 75, 55, 30, 15, 8, 4, 2, 1];
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((weight) => weight / total);
})();

export const COMMENTS = ['Cliente solicita información adicional', 'Promesa de pago', 'Llamar después de las 5 pm'];

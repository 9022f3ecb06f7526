/** The simulated operation: who works there, what it sells, how it classifies calls. */

const FIRST_NAMES = ['Ana', 'Carlos', 'Diana', 'Felipe', 'Gloria', 'Hernán', 'Isabel', 'Jorge', 'Laura', 'Mateo',
  'Natalia', 'Óscar', 'Paula', 'Ricardo', 'Sofía', 'Tomás', 'Valentina', 'Wilson', 'Ximena', 'Yesid'] as const;
const LAST_NAMES = ['Gómez', 'Rodríguez', 'Martínez', 'López', 'García', 'Pérez', 'Sánchez', 'Ramírez', 'Torres',
  'Díaz', 'Vargas', 'Castro', 'Rojas', 'Moreno', 'Jiménez', 'Muñoz', 'Ortiz', 'Herrera', 'Suárez', 'Cárdenas'] as const;

export interface Named {
  readonly id: string;
  readonly name: string;
}

export const AGENTS: readonly Named[] = Array.from({ length: 40 }, (_, i) => ({
  id: String(1001 + i),
  name: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`,
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

/** Destinations with their price per billed minute, in ten-thousandths of the currency unit. */
export const DESTINATIONS = {
  mobile: { destiny: 'Colombia Móvil', ratePerMinute: 350 },
  fixed: { destiny: 'Bogotá Fijo', ratePerMinute: 125 },
  international: { destiny: 'Estados Unidos', ratePerMinute: 1800 },
} as const;

/** Share of a day's calls in each local hour: a business-hours shape with morning and afternoon peaks. */
export const HOURLY_SHAPE: readonly number[] = (() => {
  const raw = [1, 1, 1, 1, 1, 2, 6, 20, 50, 80, 90, 85, 60, 55, 80, 85, 75, 55, 30, 15, 8, 4, 2, 1];
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((weight) => weight / total);
})();

export const COMMENTS = ['Cliente solicita información adicional', 'Promesa de pago', 'Llamar después de las 5 pm'];

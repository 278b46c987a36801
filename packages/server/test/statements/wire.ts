import {
  aggregateSpec,
  type MasterData,
  type Period,
  type Program,
  parsePeriod,
  SellOutAggregator,
  type SellOutFact,
  scheduleOf,
} from '@spur/engine';
import Fastify from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';

/** True when `A` and `B` are the same type: a compile-time check of a schema against the engine's type. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** One reseller's server sales on 10 January 2026, invoiced in EUR: `[quantity, net amount]` per line. */
export function januaryFacts(
  program: Program,
  data: MasterData,
  lines: readonly [quantity: string, netAmount: string][],
): { period: Period; facts: SellOutFact[] } {
  const schedule = scheduleOf(program);
  const aggregator = new SellOutAggregator(
    aggregateSpec(program),
    schedule,
    new Map(data.products.map((product) => [product.sku, product])),
  );
  lines.forEach(([quantity, netAmount], index) => {
    aggregator.add({
      distributorId: 'D1',
      lineId: `L${index + 1}`,
      resellerId: 'R1',
      repId: null,
      sku: 'SRV-1',
      invoiceDate: '2026-01-10',
      quantity,
      netAmount,
      currency: 'EUR',
    });
  });
  return { period: parsePeriod(schedule, '2026-01'), facts: aggregator.facts() };
}

/**
 * The HTTP status the project's response serializer gives each answer under `schema`: 200 when it
 * matches, 500 when it does not (a wrong or extra key is refused, not dropped).
 */
export async function serializedStatuses(
  schema: z.ZodType,
  answers: Record<string, unknown>,
): Promise<Record<string, number>> {
  const app = Fastify({ logger: false });
  app.setSerializerCompiler(serializerCompiler);
  app.withTypeProvider<ZodTypeProvider>().get('/:which', { schema: { response: { 200: schema } } }, async (request) => {
    return answers[(request.params as { which: string }).which] as never;
  });
  const statuses: Record<string, number> = {};
  for (const which of Object.keys(answers)) {
    statuses[which] = (await app.inject({ method: 'GET', url: `/${which}` })).statusCode;
  }
  await app.close();
  return statuses;
}

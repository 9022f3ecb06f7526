import { builder } from './builder.js';
import { UPSTREAM_NULL, ownedCallFields } from './call-connection.js';
import { LIMITS } from './context.js';
import { DateRange } from './inputs.js';
import { byId, directoryOf, recentDirectory } from './lookup.js';
import { SkillRef } from './refs.js';

SkillRef.implement({
  description: 'A wolkvox skill (a queue that routes calls to agents), as the call records name it (`skill_id`, `skill_name`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The skill\'s numeric id in wolkvox (`skill_id`).' }),
    name: t.string({
      nullable: true,
      description: `The skill's name on its latest call (in the range that found it, or in the last ${LIMITS.lookupDays} days).`,
      resolve: async (skill, _args, ctx) => (skill.name !== undefined ? skill.name : ((await recentDirectory(ctx)).skills.get(skill.id) ?? null)),
    }),
    ...ownedCallFields(t, 'skill', (id) => ({ skillIds: [id] })),
  }),
});

builder.queryFields((t) => ({
  skills: t.field({
    type: [SkillRef],
    nullable: true,
    description: `Skills with at least one call leg in the range, by id.${UPSTREAM_NULL}`,
    args: { range: t.arg({ type: DateRange, required: true, description: 'Which instants: from <= date < to.' }) },
    resolve: async (_root, args, ctx) => [...(await directoryOf(ctx, args.range)).skills].map(([id, name]) => ({ id, name })).sort(byId),
  }),
  skill: t.field({
    type: SkillRef,
    nullable: true,
    description: `The skill with this id, if it had a call in the last ${LIMITS.lookupDays} days; null otherwise.`,
    args: { id: t.arg.id({ required: true, description: 'The skill\'s id in wolkvox.' }) },
    resolve: async (_root, args, ctx) => {
      const name = (await recentDirectory(ctx)).skills.get(String(args.id));
      return name === undefined ? null : { id: String(args.id), name };
    },
  }),
}));

builder.asEntity(SkillRef, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }) => ({ id }),
});

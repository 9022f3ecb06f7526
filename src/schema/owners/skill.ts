import { builder } from '../core/builder.js';
import { ownedCallFields } from '../calls/call-connection.js';
import { ownerByIdField, ownerEntity, ownerListField, ownerName, type CallOwner } from './call-owner.js';
import { SkillRef } from '../core/refs.js';

const skills: CallOwner = { noun: 'skill', plural: 'skills', known: (d) => d.skills, scope: (id) => ({ skillIds: [id] }) };

SkillRef.implement({
  description: 'A wolkvox skill (a queue that routes calls to agents), as the call records name it (`skill_id`, `skill_name`).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The skill\'s numeric id in wolkvox (`skill_id`).' }),
    name: ownerName(t, skills),
    ...ownedCallFields(t, skills),
  }),
});

builder.queryFields((t) => ({
  skills: ownerListField(t, SkillRef, skills),
  skill: ownerByIdField(t, SkillRef, skills),
}));

ownerEntity(SkillRef);

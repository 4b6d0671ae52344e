import { definePolicy } from '../src/index.js';

/** The policy the store benchmark checks against: one training purpose under legitimate interests. */
export const benchPolicy = definePolicy({
  version: 1,
  controller: { name: 'Bench Labs' },
  tiers: { free: { name: 'Free' } },
  subjects: { users: { name: 'Users' } },
  categories: { conversations: { name: 'Conversations' } },
  purposes: {
    'model-training': {
      description: 'Train models.',
      kind: 'training',
      legalBasis: 'legitimate-interests',
      categories: ['conversations'],
      subjects: ['users'],
      tiers: { free: { control: 'opt-out', mechanism: 'in-app-toggle', default: 'included' } },
    },
  },
});

/**
 * The documents of a Relay wallboard, for relay-compiler (`npm run codegen` compiles them into
 * `__generated__/`). With babel-plugin-relay, components write these `graphql` tags inline and Babel
 * swaps each for its artifact; without Babel, import the artifacts, as relay.test.ts does: this module
 * is for the compiler only (the `graphql` tag throws when it runs).
 */
import { graphql } from 'relay-runtime';

export const wallboardQuery = graphql`
  query relayWallboardQuery($range: DateRange!) {
    agents(range: $range) {
      nodeId
      id
      name
      ...relayWallboard_agent @arguments(range: $range)
    }
  }
`;

/** Refetchable: Relay asks `node(id: $id)` for this agent again, e.g. with another range. */
export const agentFragment = graphql`
  fragment relayWallboard_agent on Agent
  @refetchable(queryName: "relayWallboardAgentRefetchQuery")
  @argumentDefinitions(range: { type: "DateRange!" }) {
    stats(range: $range) {
      calls
      totalCost
      callsByType {
        type
        calls
      }
    }
  }
`;

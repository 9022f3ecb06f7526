/**
 * The documents of a Relay wallboard, for relay-compiler (`npx relay-compiler` writes them to __generated__/).
 * With babel-plugin-relay, components write these `graphql` tags inline and Babel swaps each for its
 * artifact; in plain Node, import the query artifacts, as relay.js does: this module is for the compiler
 * only (the `graphql` tag throws when it runs).
 */
import { graphql } from 'relay-runtime';

export const wallboardQuery = graphql`
  query wallboardQuery($range: DateRange!) {
    agents(range: $range) {
      nodeId
      id
      name
      ...wallboard_agent @arguments(range: $range)
    }
  }
`;

/** Refetchable: Relay asks `node(id: $nodeId)` for this agent again, e.g. with another range. */
export const agentFragment = graphql`
  fragment wallboard_agent on Agent
  @refetchable(queryName: "wallboardAgentRefetchQuery")
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

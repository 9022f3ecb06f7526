/**
 * @generated SignedSource<<5b09d6c151640926eaf008655b94f8e4>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ReaderFragment } from 'relay-runtime';
export type InteractionType = "INBOUND" | "INTERNAL" | "OTHER" | "OUTBOUND" | "%future added value";
import type { FragmentRefs } from "relay-runtime";
export type relayWallboard_agent$data = {
  readonly nodeId: string;
  readonly stats: {
    readonly calls: number;
    readonly callsByType: ReadonlyArray<{
      readonly calls: number;
      readonly type: InteractionType;
    }>;
    readonly totalCost: string;
  };
  readonly " $fragmentType": "relayWallboard_agent";
};
export type relayWallboard_agent$key = {
  readonly " $data"?: relayWallboard_agent$data;
  readonly " $fragmentSpreads": FragmentRefs<"relayWallboard_agent">;
};

import relayWallboardAgentRefetchQuery_graphql from './relayWallboardAgentRefetchQuery.graphql';

const node: ReaderFragment = (function(){
var v0 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "calls",
  "storageKey": null
};
return {
  "argumentDefinitions": [
    {
      "defaultValue": null,
      "kind": "LocalArgument",
      "name": "range"
    }
  ],
  "kind": "Fragment",
  "metadata": {
    "refetch": {
      "connection": null,
      "fragmentPathInResult": [
        "node"
      ],
      "operation": relayWallboardAgentRefetchQuery_graphql,
      "identifierInfo": {
        "identifierField": "nodeId",
        "identifierQueryVariableName": "nodeId"
      }
    }
  },
  "name": "relayWallboard_agent",
  "selections": [
    {
      "alias": null,
      "args": [
        {
          "kind": "Variable",
          "name": "range",
          "variableName": "range"
        }
      ],
      "concreteType": "CallStats",
      "kind": "LinkedField",
      "name": "stats",
      "plural": false,
      "selections": [
        (v0/*:: as any*/),
        {
          "alias": null,
          "args": null,
          "kind": "ScalarField",
          "name": "totalCost",
          "storageKey": null
        },
        {
          "alias": null,
          "args": null,
          "concreteType": "InteractionTypeCount",
          "kind": "LinkedField",
          "name": "callsByType",
          "plural": true,
          "selections": [
            {
              "alias": null,
              "args": null,
              "kind": "ScalarField",
              "name": "type",
              "storageKey": null
            },
            (v0/*:: as any*/)
          ],
          "storageKey": null
        }
      ],
      "storageKey": null
    },
    {
      "alias": null,
      "args": null,
      "kind": "ScalarField",
      "name": "nodeId",
      "storageKey": null
    }
  ],
  "type": "Agent",
  "abstractKey": null
};
})();

(node as any).hash = "ffc5a760c2bc32531ccb227de723bd44";

export default node;

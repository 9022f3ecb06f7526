/**
 * @generated SignedSource<<6454395ee1872192d5751dfd77599f2b>>
 * @lightSyntaxTransform
 */

/* tslint:disable */
/* eslint-disable */
// @ts-nocheck

import type { ConcreteRequest } from 'relay-runtime';
import type { FragmentRefs } from "relay-runtime";
export type RelativePeriod = "LAST_30_DAYS" | "LAST_7_DAYS" | "LAST_MONTH" | "LAST_WEEK" | "THIS_MONTH" | "THIS_WEEK" | "TODAY" | "YESTERDAY" | "%future added value";
export type DateRange = {
  from?: string | null | undefined;
  period?: RelativePeriod | null | undefined;
  to?: string | null | undefined;
};
export type relayWallboardAgentRefetchQuery$variables = {
  nodeId: string;
  range: DateRange;
};
export type relayWallboardAgentRefetchQuery$data = {
  readonly node: {
    readonly " $fragmentSpreads": FragmentRefs<"relayWallboard_agent">;
  } | null | undefined;
};
export type relayWallboardAgentRefetchQuery = {
  response: relayWallboardAgentRefetchQuery$data;
  variables: relayWallboardAgentRefetchQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "nodeId"
},
v1 = {
  "defaultValue": null,
  "kind": "LocalArgument",
  "name": "range"
},
v2 = [
  {
    "kind": "Variable",
    "name": "id",
    "variableName": "nodeId"
  }
],
v3 = [
  {
    "kind": "Variable",
    "name": "range",
    "variableName": "range"
  }
],
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "calls",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": [
      (v0/*:: as any*/),
      (v1/*:: as any*/)
    ],
    "kind": "Fragment",
    "metadata": null,
    "name": "relayWallboardAgentRefetchQuery",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "args": (v3/*:: as any*/),
            "kind": "FragmentSpread",
            "name": "relayWallboard_agent"
          }
        ],
        "storageKey": null
      }
    ],
    "type": "Query",
    "abstractKey": null
  },
  "kind": "Request",
  "operation": {
    "argumentDefinitions": [
      (v1/*:: as any*/),
      (v0/*:: as any*/)
    ],
    "kind": "Operation",
    "name": "relayWallboardAgentRefetchQuery",
    "selections": [
      {
        "alias": null,
        "args": (v2/*:: as any*/),
        "concreteType": null,
        "kind": "LinkedField",
        "name": "node",
        "plural": false,
        "selections": [
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "__typename",
            "storageKey": null
          },
          {
            "alias": null,
            "args": null,
            "kind": "ScalarField",
            "name": "nodeId",
            "storageKey": null
          },
          {
            "kind": "InlineFragment",
            "selections": [
              {
                "alias": null,
                "args": (v3/*:: as any*/),
                "concreteType": "CallStats",
                "kind": "LinkedField",
                "name": "stats",
                "plural": false,
                "selections": [
                  (v4/*:: as any*/),
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
                      (v4/*:: as any*/)
                    ],
                    "storageKey": null
                  }
                ],
                "storageKey": null
              }
            ],
            "type": "Agent",
            "abstractKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "f3cfd2c5b55cea6fa5e91131a31ea4c5",
    "id": null,
    "metadata": {},
    "name": "relayWallboardAgentRefetchQuery",
    "operationKind": "query",
    "text": "query relayWallboardAgentRefetchQuery(\n  $range: DateRange!\n  $nodeId: ID!\n) {\n  node(id: $nodeId) {\n    __typename\n    ...relayWallboard_agent_1W2ebt\n    nodeId\n  }\n}\n\nfragment relayWallboard_agent_1W2ebt on Agent {\n  stats(range: $range) {\n    calls\n    totalCost\n    callsByType {\n      type\n      calls\n    }\n  }\n  nodeId\n}\n"
  }
};
})();

(node as any).hash = "ffc5a760c2bc32531ccb227de723bd44";

export default node;

/**
 * @generated SignedSource<<001157bf7000a155adc3d01e96d9ccc5>>
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
export type relayWallboardQuery$variables = {
  range: DateRange;
};
export type relayWallboardQuery$data = {
  readonly agents: ReadonlyArray<{
    readonly id: string;
    readonly name: string | null | undefined;
    readonly nodeId: string;
    readonly " $fragmentSpreads": FragmentRefs<"relayWallboard_agent">;
  }> | null | undefined;
};
export type relayWallboardQuery = {
  response: relayWallboardQuery$data;
  variables: relayWallboardQuery$variables;
};

const node: ConcreteRequest = (function(){
var v0 = [
  {
    "defaultValue": null,
    "kind": "LocalArgument",
    "name": "range"
  }
],
v1 = [
  {
    "kind": "Variable",
    "name": "range",
    "variableName": "range"
  }
],
v2 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "nodeId",
  "storageKey": null
},
v3 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "id",
  "storageKey": null
},
v4 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "name",
  "storageKey": null
},
v5 = {
  "alias": null,
  "args": null,
  "kind": "ScalarField",
  "name": "calls",
  "storageKey": null
};
return {
  "fragment": {
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Fragment",
    "metadata": null,
    "name": "relayWallboardQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Agent",
        "kind": "LinkedField",
        "name": "agents",
        "plural": true,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          {
            "args": (v1/*:: as any*/),
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
    "argumentDefinitions": (v0/*:: as any*/),
    "kind": "Operation",
    "name": "relayWallboardQuery",
    "selections": [
      {
        "alias": null,
        "args": (v1/*:: as any*/),
        "concreteType": "Agent",
        "kind": "LinkedField",
        "name": "agents",
        "plural": true,
        "selections": [
          (v2/*:: as any*/),
          (v3/*:: as any*/),
          (v4/*:: as any*/),
          {
            "alias": null,
            "args": (v1/*:: as any*/),
            "concreteType": "CallStats",
            "kind": "LinkedField",
            "name": "stats",
            "plural": false,
            "selections": [
              (v5/*:: as any*/),
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
                  (v5/*:: as any*/)
                ],
                "storageKey": null
              }
            ],
            "storageKey": null
          }
        ],
        "storageKey": null
      }
    ]
  },
  "params": {
    "cacheID": "47283be733f87b8f4e0a7746af40455f",
    "id": null,
    "metadata": {},
    "name": "relayWallboardQuery",
    "operationKind": "query",
    "text": "query relayWallboardQuery(\n  $range: DateRange!\n) {\n  agents(range: $range) {\n    nodeId\n    id\n    name\n    ...relayWallboard_agent_1W2ebt\n  }\n}\n\nfragment relayWallboard_agent_1W2ebt on Agent {\n  stats(range: $range) {\n    calls\n    totalCost\n    callsByType {\n      type\n      calls\n    }\n  }\n  nodeId\n}\n"
  }
};
})();

(node as any).hash = "08d9e49d7dbd64701f126882da2a52d9";

export default node;

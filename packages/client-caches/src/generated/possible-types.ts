
      export type PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Agent",
      "Call",
      "Campaign",
      "Skill"
    ]
  }
};
      const result: PossibleTypesResultData = {
  "possibleTypes": {
    "Node": [
      "Agent",
      "Call",
      "Campaign",
      "Skill"
    ]
  }
};
      export default result;
    
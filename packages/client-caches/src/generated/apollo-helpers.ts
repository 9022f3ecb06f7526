import type { FieldPolicy, FieldReadFunction, TypePolicies, TypePolicy } from '@apollo/client/cache';
export type AgentKeySpecifier = ('calls' | 'id' | 'name' | 'nodeId' | 'stats' | AgentKeySpecifier)[];
export type AgentFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	id?: FieldPolicy<any> | FieldReadFunction<any>,
	name?: FieldPolicy<any> | FieldReadFunction<any>,
	nodeId?: FieldPolicy<any> | FieldReadFunction<any>,
	stats?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CachedWindowKeySpecifier = ('fetchedAt' | 'from' | 'to' | CachedWindowKeySpecifier)[];
export type CachedWindowFieldPolicy = {
	fetchedAt?: FieldPolicy<any> | FieldReadFunction<any>,
	from?: FieldPolicy<any> | FieldReadFunction<any>,
	to?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CallKeySpecifier = ('agent' | 'billedMinutes' | 'campaign' | 'codAct' | 'codAct2' | 'comment' | 'connId' | 'cost' | 'customerId' | 'date' | 'descriptionCodAct' | 'descriptionCodAct2' | 'destiny' | 'durationSeconds' | 'hangUp' | 'id' | 'nodeId' | 'skill' | 'telephone' | 'type' | 'typeRaw' | CallKeySpecifier)[];
export type CallFieldPolicy = {
	agent?: FieldPolicy<any> | FieldReadFunction<any>,
	billedMinutes?: FieldPolicy<any> | FieldReadFunction<any>,
	campaign?: FieldPolicy<any> | FieldReadFunction<any>,
	codAct?: FieldPolicy<any> | FieldReadFunction<any>,
	codAct2?: FieldPolicy<any> | FieldReadFunction<any>,
	comment?: FieldPolicy<any> | FieldReadFunction<any>,
	connId?: FieldPolicy<any> | FieldReadFunction<any>,
	cost?: FieldPolicy<any> | FieldReadFunction<any>,
	customerId?: FieldPolicy<any> | FieldReadFunction<any>,
	date?: FieldPolicy<any> | FieldReadFunction<any>,
	descriptionCodAct?: FieldPolicy<any> | FieldReadFunction<any>,
	descriptionCodAct2?: FieldPolicy<any> | FieldReadFunction<any>,
	destiny?: FieldPolicy<any> | FieldReadFunction<any>,
	durationSeconds?: FieldPolicy<any> | FieldReadFunction<any>,
	hangUp?: FieldPolicy<any> | FieldReadFunction<any>,
	id?: FieldPolicy<any> | FieldReadFunction<any>,
	nodeId?: FieldPolicy<any> | FieldReadFunction<any>,
	skill?: FieldPolicy<any> | FieldReadFunction<any>,
	telephone?: FieldPolicy<any> | FieldReadFunction<any>,
	type?: FieldPolicy<any> | FieldReadFunction<any>,
	typeRaw?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CallConnectionKeySpecifier = ('edges' | 'freshness' | 'pageInfo' | 'range' | 'stats' | 'totalCount' | 'unreadableRows' | CallConnectionKeySpecifier)[];
export type CallConnectionFieldPolicy = {
	edges?: FieldPolicy<any> | FieldReadFunction<any>,
	freshness?: FieldPolicy<any> | FieldReadFunction<any>,
	pageInfo?: FieldPolicy<any> | FieldReadFunction<any>,
	range?: FieldPolicy<any> | FieldReadFunction<any>,
	stats?: FieldPolicy<any> | FieldReadFunction<any>,
	totalCount?: FieldPolicy<any> | FieldReadFunction<any>,
	unreadableRows?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CallEdgeKeySpecifier = ('cursor' | 'node' | CallEdgeKeySpecifier)[];
export type CallEdgeFieldPolicy = {
	cursor?: FieldPolicy<any> | FieldReadFunction<any>,
	node?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CallGroupKeySpecifier = ('agent' | 'campaign' | 'codAct' | 'codAct2' | 'country' | 'destiny' | 'hangUp' | 'hourOfDay' | 'period' | 'shareOfTotalCost' | 'skill' | 'stats' | 'type' | 'weekday' | CallGroupKeySpecifier)[];
export type CallGroupFieldPolicy = {
	agent?: FieldPolicy<any> | FieldReadFunction<any>,
	campaign?: FieldPolicy<any> | FieldReadFunction<any>,
	codAct?: FieldPolicy<any> | FieldReadFunction<any>,
	codAct2?: FieldPolicy<any> | FieldReadFunction<any>,
	country?: FieldPolicy<any> | FieldReadFunction<any>,
	destiny?: FieldPolicy<any> | FieldReadFunction<any>,
	hangUp?: FieldPolicy<any> | FieldReadFunction<any>,
	hourOfDay?: FieldPolicy<any> | FieldReadFunction<any>,
	period?: FieldPolicy<any> | FieldReadFunction<any>,
	shareOfTotalCost?: FieldPolicy<any> | FieldReadFunction<any>,
	skill?: FieldPolicy<any> | FieldReadFunction<any>,
	stats?: FieldPolicy<any> | FieldReadFunction<any>,
	type?: FieldPolicy<any> | FieldReadFunction<any>,
	weekday?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CallReportKeySpecifier = ('busiestHour' | 'freshness' | 'groups' | 'range' | 'total' | 'trafficByHour' | 'unreadableRows' | CallReportKeySpecifier)[];
export type CallReportFieldPolicy = {
	busiestHour?: FieldPolicy<any> | FieldReadFunction<any>,
	freshness?: FieldPolicy<any> | FieldReadFunction<any>,
	groups?: FieldPolicy<any> | FieldReadFunction<any>,
	range?: FieldPolicy<any> | FieldReadFunction<any>,
	total?: FieldPolicy<any> | FieldReadFunction<any>,
	trafficByHour?: FieldPolicy<any> | FieldReadFunction<any>,
	unreadableRows?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CallStatsKeySpecifier = ('actualMinutes' | 'agentHungUpCalls' | 'agentHungUpRate' | 'averageCost' | 'averageDurationSeconds' | 'calls' | 'callsByHangUp' | 'callsByType' | 'callsPerCustomer' | 'costPerBilledMinute' | 'distinctCalls' | 'distinctCustomers' | 'durationHistogram' | 'durationPercentiles' | 'legsPerCall' | 'maxDurationSeconds' | 'repeatCallers' | 'roundingOverheadMinutes' | 'shortCalls' | 'totalBilledMinutes' | 'totalCost' | 'totalDurationSeconds' | 'transferredCalls' | 'uncodedCalls' | 'uncodedRate' | CallStatsKeySpecifier)[];
export type CallStatsFieldPolicy = {
	actualMinutes?: FieldPolicy<any> | FieldReadFunction<any>,
	agentHungUpCalls?: FieldPolicy<any> | FieldReadFunction<any>,
	agentHungUpRate?: FieldPolicy<any> | FieldReadFunction<any>,
	averageCost?: FieldPolicy<any> | FieldReadFunction<any>,
	averageDurationSeconds?: FieldPolicy<any> | FieldReadFunction<any>,
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	callsByHangUp?: FieldPolicy<any> | FieldReadFunction<any>,
	callsByType?: FieldPolicy<any> | FieldReadFunction<any>,
	callsPerCustomer?: FieldPolicy<any> | FieldReadFunction<any>,
	costPerBilledMinute?: FieldPolicy<any> | FieldReadFunction<any>,
	distinctCalls?: FieldPolicy<any> | FieldReadFunction<any>,
	distinctCustomers?: FieldPolicy<any> | FieldReadFunction<any>,
	durationHistogram?: FieldPolicy<any> | FieldReadFunction<any>,
	durationPercentiles?: FieldPolicy<any> | FieldReadFunction<any>,
	legsPerCall?: FieldPolicy<any> | FieldReadFunction<any>,
	maxDurationSeconds?: FieldPolicy<any> | FieldReadFunction<any>,
	repeatCallers?: FieldPolicy<any> | FieldReadFunction<any>,
	roundingOverheadMinutes?: FieldPolicy<any> | FieldReadFunction<any>,
	shortCalls?: FieldPolicy<any> | FieldReadFunction<any>,
	totalBilledMinutes?: FieldPolicy<any> | FieldReadFunction<any>,
	totalCost?: FieldPolicy<any> | FieldReadFunction<any>,
	totalDurationSeconds?: FieldPolicy<any> | FieldReadFunction<any>,
	transferredCalls?: FieldPolicy<any> | FieldReadFunction<any>,
	uncodedCalls?: FieldPolicy<any> | FieldReadFunction<any>,
	uncodedRate?: FieldPolicy<any> | FieldReadFunction<any>
};
export type CampaignKeySpecifier = ('calls' | 'id' | 'nodeId' | 'stats' | CampaignKeySpecifier)[];
export type CampaignFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	id?: FieldPolicy<any> | FieldReadFunction<any>,
	nodeId?: FieldPolicy<any> | FieldReadFunction<any>,
	stats?: FieldPolicy<any> | FieldReadFunction<any>
};
export type DurationBucketKeySpecifier = ('calls' | 'fromSeconds' | 'toSeconds' | 'totalBilledMinutes' | 'totalCost' | 'totalDurationSeconds' | DurationBucketKeySpecifier)[];
export type DurationBucketFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	fromSeconds?: FieldPolicy<any> | FieldReadFunction<any>,
	toSeconds?: FieldPolicy<any> | FieldReadFunction<any>,
	totalBilledMinutes?: FieldPolicy<any> | FieldReadFunction<any>,
	totalCost?: FieldPolicy<any> | FieldReadFunction<any>,
	totalDurationSeconds?: FieldPolicy<any> | FieldReadFunction<any>
};
export type DurationPercentileKeySpecifier = ('p' | 'seconds' | DurationPercentileKeySpecifier)[];
export type DurationPercentileFieldPolicy = {
	p?: FieldPolicy<any> | FieldReadFunction<any>,
	seconds?: FieldPolicy<any> | FieldReadFunction<any>
};
export type FreshnessKeySpecifier = ('asOf' | 'complete' | 'missingWindows' | 'openWindows' | 'staleWindows' | FreshnessKeySpecifier)[];
export type FreshnessFieldPolicy = {
	asOf?: FieldPolicy<any> | FieldReadFunction<any>,
	complete?: FieldPolicy<any> | FieldReadFunction<any>,
	missingWindows?: FieldPolicy<any> | FieldReadFunction<any>,
	openWindows?: FieldPolicy<any> | FieldReadFunction<any>,
	staleWindows?: FieldPolicy<any> | FieldReadFunction<any>
};
export type HangUpCountKeySpecifier = ('calls' | 'hangUp' | HangUpCountKeySpecifier)[];
export type HangUpCountFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	hangUp?: FieldPolicy<any> | FieldReadFunction<any>
};
export type HistoryMirrorKeySpecifier = ('complete' | 'estimatedCompleteAt' | 'from' | 'heldDays' | 'missing' | 'missingDays' | 'requestsPerDay' | 'requestsToday' | 'to' | 'wantedDays' | HistoryMirrorKeySpecifier)[];
export type HistoryMirrorFieldPolicy = {
	complete?: FieldPolicy<any> | FieldReadFunction<any>,
	estimatedCompleteAt?: FieldPolicy<any> | FieldReadFunction<any>,
	from?: FieldPolicy<any> | FieldReadFunction<any>,
	heldDays?: FieldPolicy<any> | FieldReadFunction<any>,
	missing?: FieldPolicy<any> | FieldReadFunction<any>,
	missingDays?: FieldPolicy<any> | FieldReadFunction<any>,
	requestsPerDay?: FieldPolicy<any> | FieldReadFunction<any>,
	requestsToday?: FieldPolicy<any> | FieldReadFunction<any>,
	to?: FieldPolicy<any> | FieldReadFunction<any>,
	wantedDays?: FieldPolicy<any> | FieldReadFunction<any>
};
export type HourTrafficKeySpecifier = ('calls' | 'erlangs' | 'period' | HourTrafficKeySpecifier)[];
export type HourTrafficFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	erlangs?: FieldPolicy<any> | FieldReadFunction<any>,
	period?: FieldPolicy<any> | FieldReadFunction<any>
};
export type InteractionTypeCountKeySpecifier = ('calls' | 'type' | InteractionTypeCountKeySpecifier)[];
export type InteractionTypeCountFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	type?: FieldPolicy<any> | FieldReadFunction<any>
};
export type IntervalKeySpecifier = ('from' | 'to' | IntervalKeySpecifier)[];
export type IntervalFieldPolicy = {
	from?: FieldPolicy<any> | FieldReadFunction<any>,
	to?: FieldPolicy<any> | FieldReadFunction<any>
};
export type NodeKeySpecifier = ('nodeId' | NodeKeySpecifier)[];
export type NodeFieldPolicy = {
	nodeId?: FieldPolicy<any> | FieldReadFunction<any>
};
export type PageInfoKeySpecifier = ('endCursor' | 'hasNextPage' | 'hasPreviousPage' | 'startCursor' | PageInfoKeySpecifier)[];
export type PageInfoFieldPolicy = {
	endCursor?: FieldPolicy<any> | FieldReadFunction<any>,
	hasNextPage?: FieldPolicy<any> | FieldReadFunction<any>,
	hasPreviousPage?: FieldPolicy<any> | FieldReadFunction<any>,
	startCursor?: FieldPolicy<any> | FieldReadFunction<any>
};
export type QueryKeySpecifier = ('agent' | 'agents' | 'callReport' | 'calls' | 'campaign' | 'campaigns' | 'history' | 'interval' | 'node' | 'nodes' | 'skill' | 'skills' | QueryKeySpecifier)[];
export type QueryFieldPolicy = {
	agent?: FieldPolicy<any> | FieldReadFunction<any>,
	agents?: FieldPolicy<any> | FieldReadFunction<any>,
	callReport?: FieldPolicy<any> | FieldReadFunction<any>,
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	campaign?: FieldPolicy<any> | FieldReadFunction<any>,
	campaigns?: FieldPolicy<any> | FieldReadFunction<any>,
	history?: FieldPolicy<any> | FieldReadFunction<any>,
	interval?: FieldPolicy<any> | FieldReadFunction<any>,
	node?: FieldPolicy<any> | FieldReadFunction<any>,
	nodes?: FieldPolicy<any> | FieldReadFunction<any>,
	skill?: FieldPolicy<any> | FieldReadFunction<any>,
	skills?: FieldPolicy<any> | FieldReadFunction<any>
};
export type SkillKeySpecifier = ('calls' | 'id' | 'name' | 'nodeId' | 'stats' | SkillKeySpecifier)[];
export type SkillFieldPolicy = {
	calls?: FieldPolicy<any> | FieldReadFunction<any>,
	id?: FieldPolicy<any> | FieldReadFunction<any>,
	name?: FieldPolicy<any> | FieldReadFunction<any>,
	nodeId?: FieldPolicy<any> | FieldReadFunction<any>,
	stats?: FieldPolicy<any> | FieldReadFunction<any>
};
export type SubscriptionKeySpecifier = ('callReportUpdates' | 'callsAdded' | SubscriptionKeySpecifier)[];
export type SubscriptionFieldPolicy = {
	callReportUpdates?: FieldPolicy<any> | FieldReadFunction<any>,
	callsAdded?: FieldPolicy<any> | FieldReadFunction<any>
};
export type UnreadableRowKeySpecifier = ('raw' | 'reason' | 'requestedFrom' | 'requestedTo' | UnreadableRowKeySpecifier)[];
export type UnreadableRowFieldPolicy = {
	raw?: FieldPolicy<any> | FieldReadFunction<any>,
	reason?: FieldPolicy<any> | FieldReadFunction<any>,
	requestedFrom?: FieldPolicy<any> | FieldReadFunction<any>,
	requestedTo?: FieldPolicy<any> | FieldReadFunction<any>
};
export type UnreadableRowsKeySpecifier = ('count' | 'rows' | UnreadableRowsKeySpecifier)[];
export type UnreadableRowsFieldPolicy = {
	count?: FieldPolicy<any> | FieldReadFunction<any>,
	rows?: FieldPolicy<any> | FieldReadFunction<any>
};
export type StrictTypedTypePolicies = {
	Agent: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | AgentKeySpecifier | (() => undefined | AgentKeySpecifier),
		fields?: AgentFieldPolicy,
	},
	CachedWindow: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CachedWindowKeySpecifier | (() => undefined | CachedWindowKeySpecifier),
		fields?: CachedWindowFieldPolicy,
	},
	Call: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CallKeySpecifier | (() => undefined | CallKeySpecifier),
		fields?: CallFieldPolicy,
	},
	CallConnection: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CallConnectionKeySpecifier | (() => undefined | CallConnectionKeySpecifier),
		fields?: CallConnectionFieldPolicy,
	},
	CallEdge: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CallEdgeKeySpecifier | (() => undefined | CallEdgeKeySpecifier),
		fields?: CallEdgeFieldPolicy,
	},
	CallGroup: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CallGroupKeySpecifier | (() => undefined | CallGroupKeySpecifier),
		fields?: CallGroupFieldPolicy,
	},
	CallReport: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CallReportKeySpecifier | (() => undefined | CallReportKeySpecifier),
		fields?: CallReportFieldPolicy,
	},
	CallStats: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CallStatsKeySpecifier | (() => undefined | CallStatsKeySpecifier),
		fields?: CallStatsFieldPolicy,
	},
	Campaign: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | CampaignKeySpecifier | (() => undefined | CampaignKeySpecifier),
		fields?: CampaignFieldPolicy,
	},
	DurationBucket: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | DurationBucketKeySpecifier | (() => undefined | DurationBucketKeySpecifier),
		fields?: DurationBucketFieldPolicy,
	},
	DurationPercentile: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | DurationPercentileKeySpecifier | (() => undefined | DurationPercentileKeySpecifier),
		fields?: DurationPercentileFieldPolicy,
	},
	Freshness: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | FreshnessKeySpecifier | (() => undefined | FreshnessKeySpecifier),
		fields?: FreshnessFieldPolicy,
	},
	HangUpCount: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | HangUpCountKeySpecifier | (() => undefined | HangUpCountKeySpecifier),
		fields?: HangUpCountFieldPolicy,
	},
	HistoryMirror: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | HistoryMirrorKeySpecifier | (() => undefined | HistoryMirrorKeySpecifier),
		fields?: HistoryMirrorFieldPolicy,
	},
	HourTraffic: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | HourTrafficKeySpecifier | (() => undefined | HourTrafficKeySpecifier),
		fields?: HourTrafficFieldPolicy,
	},
	InteractionTypeCount: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | InteractionTypeCountKeySpecifier | (() => undefined | InteractionTypeCountKeySpecifier),
		fields?: InteractionTypeCountFieldPolicy,
	},
	Interval: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | IntervalKeySpecifier | (() => undefined | IntervalKeySpecifier),
		fields?: IntervalFieldPolicy,
	},
	Node: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | NodeKeySpecifier | (() => undefined | NodeKeySpecifier),
		fields?: NodeFieldPolicy,
	},
	PageInfo: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | PageInfoKeySpecifier | (() => undefined | PageInfoKeySpecifier),
		fields?: PageInfoFieldPolicy,
	},
	Query?: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | QueryKeySpecifier | (() => undefined | QueryKeySpecifier),
		fields?: QueryFieldPolicy,
	},
	Skill: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | SkillKeySpecifier | (() => undefined | SkillKeySpecifier),
		fields?: SkillFieldPolicy,
	},
	Subscription?: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | SubscriptionKeySpecifier | (() => undefined | SubscriptionKeySpecifier),
		fields?: SubscriptionFieldPolicy,
	},
	UnreadableRow: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | UnreadableRowKeySpecifier | (() => undefined | UnreadableRowKeySpecifier),
		fields?: UnreadableRowFieldPolicy,
	},
	UnreadableRows: Omit<TypePolicy, "fields" | "keyFields"> & {
		keyFields?: false | UnreadableRowsKeySpecifier | (() => undefined | UnreadableRowsKeySpecifier),
		fields?: UnreadableRowsFieldPolicy,
	}
};
export type TypedTypePolicies = StrictTypedTypePolicies & TypePolicies;
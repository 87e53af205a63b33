// Drives LocalHost's built-in Durable HTTP API with the official Node.js client (npm durable-functions), built as an
// app builds it, and checks every DurableClient method against what the Durable Functions extension answers for this
// app. Usage: node client-test.mjs <origin> <taskHub>. Prints one line per call; exits 1 if any call differs.
import * as df from "durable-functions";

const [origin, hub] = process.argv.slice(2);
if (!origin || !hub) {
    console.error("usage: node client-test.mjs <origin> <taskHub>");
    process.exit(2);
}

// Without it the client rewrites every URL to localhost:7071.
process.env.WEBSITE_HOSTNAME = new URL(origin).host;

const base = `${origin}/runtime/webhooks/durabletask`;
const query = `taskHub=${hub}&connection=Storage`;
const instance = `${base}/instances/INSTANCEID`;
// The client input the extension hands a function with a durableClient binding (rpcBaseUrl left out: the webhook URLs).
const clientInput = {
    taskHubName: hub,
    creationUrls: {
        createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?${query}`,
        createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&${query}`,
    },
    managementUrls: {
        id: "INSTANCEID",
        statusQueryGetUri: `${instance}?${query}`,
        sendEventPostUri: `${instance}/raiseEvent/{eventName}?${query}`,
        terminatePostUri: `${instance}/terminate?reason={text}&${query}`,
        rewindPostUri: `${instance}/rewind?reason={text}&${query}`,
        purgeHistoryDeleteUri: `${instance}?${query}`,
        restartPostUri: `${instance}/restart?${query}`,
        suspendPostUri: `${instance}/suspend?reason={text}&${query}`,
        resumePostUri: `${instance}/resume?reason={text}&${query}`,
    },
    baseUrl: base,
    requiredQueryStringParameters: query,
};
const binding = df.input.durableClient();
const context = { options: { extraInputs: [binding] }, extraInputs: { get: () => clientInput } };
const client = df.getClient(context);

// Every exchange, so each line can show the HTTP status LocalHost answered with.
let exchanges = [];
client.axiosInstance.interceptors.response.use((response) => {
    exchanges.push({ status: response.status, method: response.config.method.toUpperCase(), url: response.config.url, data: response.data });
    return response;
});

const results = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls one client method; `expect` says what the extension answers: the HTTP statuses and a check of the outcome. */
async function call(method, args, expect, action) {
    exchanges = [];
    let outcome;
    let error;
    try {
        outcome = await action();
    } catch (e) {
        error = e;
    }
    const statuses = exchanges.map((x) => x.status);
    const problems = [];
    if (expect.statuses && JSON.stringify(statuses) !== JSON.stringify(expect.statuses)) {
        problems.push(`HTTP ${statuses.join(",") || "none"}, the extension answers ${expect.statuses.join(",")}`);
    }
    if (expect.rejects && !error) {
        problems.push("resolved; with the extension it rejects");
    }
    if (!expect.rejects && error) {
        problems.push(`rejected: ${error.message}`);
    }
    if (expect.check && !error) {
        try {
            const why = await expect.check(outcome, exchanges);
            if (why) {
                problems.push(why);
            }
        } catch (e) {
            problems.push(`check threw: ${e.message}`);
        }
    }
    const line = { method, args, localHost: statuses.join(",") || "(no request)", extension: expect.statuses?.join(",") ?? "(no request)",
        outcome: error ? `rejects: ${error.message.slice(0, 120)}` : "resolves", ok: problems.length === 0, problems };
    results.push(line);
    console.log(`${line.ok ? "ok  " : "FAIL"} ${method}(${args}) -> HTTP ${line.localHost} (extension: ${line.extension}), ${line.outcome}${problems.length ? " — " + problems.join("; ") : ""}`);
    return outcome;
}

async function statusOf(id) {
    const response = await fetch(`${base}/instances/${id}?${query}`);
    return response.status === 404 ? null : (await response.json());
}

async function until(id, predicate, seconds = 60) {
    for (const deadline = Date.now() + seconds * 1000; Date.now() < deadline; await sleep(250)) {
        const status = await statusOf(id);
        if (status && predicate(status)) {
            return status;
        }
    }
    throw new Error(`instance ${id} did not reach the expected state within ${seconds} s`);
}

const started = new Date(Date.now() - 60_000);
const request = { url: `${origin}/api/some-function`, method: "POST" };

// An is-prime job, started by name: 97 is prime.
const primeId = await call("startNew", "IsPrimeOrchestrator, input '97'", { statuses: [202], check: (id) => (typeof id === "string" && id.length > 0 ? null : "no id") },
    () => client.startNew("IsPrimeOrchestrator", { input: "97" }));
await call("startNew", "IsPrimeOrchestrator, instanceId 'client-named'", { statuses: [202], check: (id) => (id === "client-named" ? null : `id ${id}`) },
    () => client.startNew("IsPrimeOrchestrator", { instanceId: "client-named", input: "89" }));
await call("startNew", "NoSuchOrchestrator", { statuses: [400], rejects: true }, () => client.startNew("NoSuchOrchestrator", { input: 1 }));
await call("waitForCompletionOrCreateCheckStatusResponse", "is-prime job, 60 s",
    { check: async (response) => (response.status === 200 && (await response.json()).isPrime === true ? null : `answered ${response.status}`) },
    () => client.waitForCompletionOrCreateCheckStatusResponse(request, primeId, { timeoutInMilliseconds: 60_000, retryIntervalInMilliseconds: 250 }));
await call("getStatus", "completed job", { statuses: [200], check: (s) => (s.runtimeStatus === "Completed" && s.input === "97" && s.output?.isPrime === true ? null : JSON.stringify(s)) },
    () => client.getStatus(primeId));
await call("getStatus", "showInput false", { statuses: [200], check: (s) => (s.input === null ? null : `input ${JSON.stringify(s.input)}`) },
    () => client.getStatus(primeId, { showInput: false }));
await call("getStatus", "showHistory, showHistoryOutput", {
    statuses: [200],
    check: (_, x) => {
        const events = x[0].data.historyEvents;
        if (!Array.isArray(events)) {
            return "no historyEvents";
        }
        const types = events.map((e) => e.EventType);
        const task = events.find((e) => e.EventType === "TaskCompleted" && e.FunctionName === "IsPrimeActivity");
        return types[0] === "ExecutionStarted" && types.at(-1) === "ExecutionCompleted" && task?.FunctionName === "IsPrimeActivity" && task.Result?.isPrime === true
            ? null : `history ${JSON.stringify(events).slice(0, 300)}`;
    },
}, () => client.getStatus(primeId, { showHistory: true, showHistoryOutput: true }));
await call("getStatus", "showHistory without output", {
    statuses: [200],
    check: (_, x) => (x[0].data.historyEvents?.some((e) => "Result" in e && e.EventType !== "TaskFailed") ? "results shown without showHistoryOutput" : null),
}, () => client.getStatus(primeId, { showHistory: true }));
await call("getStatus", "unknown instance", { statuses: [404], rejects: true }, () => client.getStatus("no-such-instance"));

// A range job whose segments are slowed by the host's settings, so it is running while it is suspended and resumed.
const range = await (await fetch(`${origin}/api/primes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: '{"from":0,"to":60000000}' })).json();
const rangeId = range.id;
await until(rangeId, (s) => s.runtimeStatus === "Running");
await call("suspend", "running range job, reason", { statuses: [202] }, () => client.suspend(rangeId, "paused for a test"));
await until(rangeId, (s) => s.runtimeStatus === "Suspended");
await call("getStatus", "suspended with a reason", { statuses: [202], check: (s) => (s.runtimeStatus === "Suspended" ? null : s.runtimeStatus) }, () => client.getStatus(rangeId));
await call("getStatusAll", "", { check: (all) => (all.some((s) => s.instanceId === rangeId && s.runtimeStatus === "Suspended") ? null : "suspended job not listed") },
    () => client.getStatusAll());
await call("resume", "suspended job, reason", { statuses: [202] }, () => client.resume(rangeId, "carry on"));
await until(rangeId, (s) => s.runtimeStatus === "Running");
await call("getStatus", "resumed with a reason", { statuses: [202], check: (s) => (s.runtimeStatus === "Running" ? null : s.runtimeStatus) }, () => client.getStatus(rangeId));
await call("getStatusBy", "runtimeStatus Running", {
    check: (list) => (list.length > 0 && list.every((s) => s.runtimeStatus === "Running") && list.some((s) => s.instanceId === rangeId) ? null : JSON.stringify(list).slice(0, 200)),
}, () => client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Running] }));
await call("getStatusBy", "createdTimeFrom in the future", { statuses: [200], check: (list) => (list.length === 0 ? null : `${list.length} listed`) },
    () => client.getStatusBy({ createdTimeFrom: new Date(Date.now() + 3_600_000) }));
await call("raiseEvent", "running job, JSON payload", { statuses: [202] }, () => client.raiseEvent(rangeId, "poke", { n: 1 }));
await call("raiseEvent", "unknown instance", { statuses: [404], rejects: true }, () => client.raiseEvent("no-such-instance", "poke", 1));
await call("rewind", "running job", { statuses: [500], rejects: true }, () => client.rewind(rangeId, "no"));
await call("terminate", "running job, reason", { statuses: [202] }, () => client.terminate(rangeId, "enough"));
await until(rangeId, (s) => s.runtimeStatus === "Terminated");
await call("terminate", "terminated job", { statuses: [410] }, () => client.terminate(rangeId, "again"));
await call("suspend", "terminated job", { statuses: [410] }, () => client.suspend(rangeId, "late"));
await call("resume", "terminated job", { statuses: [410] }, () => client.resume(rangeId, "late"));
await call("raiseEvent", "terminated job", { statuses: [410] }, () => client.raiseEvent(rangeId, "poke", 2));
await call("rewind", "terminated job", { statuses: [410], rejects: true }, () => client.rewind(rangeId, "no"));
await call("terminate", "unknown instance", { statuses: [404], rejects: true }, () => client.terminate("no-such-instance", "x"));

// A failed job — the activity refuses "abc" — is the one rewind applies to.
const failedId = await call("startNew", "IsPrimeOrchestrator, input 'abc'", { statuses: [202] }, () => client.startNew("IsPrimeOrchestrator", { instanceId: "client-fails", input: "abc" }));
const failed = await until(failedId, (s) => s.runtimeStatus === "Failed");
// Times are to the second: wait for the next one, so the failure after the rewind shows a later lastUpdatedTime.
await sleep(1100);
await call("rewind", "failed job, reason", { statuses: [202] }, () => client.rewind(failedId, "try again"));
await until(failedId, (s) => s.runtimeStatus === "Failed" && s.lastUpdatedTime > failed.lastUpdatedTime);
await call("rewind", "unknown instance", { statuses: [404], rejects: true }, () => client.rewind("no-such-instance", "x"));

// The client offers no restart; its management URL is the extension's restartPostUri.
await call("POST restartPostUri", "completed job (no client method)", {
    statuses: [202],
    check: (response) => (response.status === 202 && response.data.id && response.data.id !== primeId && response.headers.location === response.data.statusQueryGetUri ? null : JSON.stringify(response.data)),
}, () => client.axiosInstance.post(clientInput.managementUrls.restartPostUri.replace("INSTANCEID", primeId)));

// This app has no entity functions.
const entity = new df.EntityId("counter", "one");
await call("readEntityState", "@counter@one", { statuses: [404], check: (r) => (r.entityExists === false ? null : "entity exists") }, () => client.readEntityState(entity));
await call("signalEntity", "@counter@one add", { statuses: [400], rejects: true }, () => client.signalEntity(entity, "add", 1));

// Answers the client builds itself, from its input: they must point at routes LocalHost serves.
const payload = await call("createHttpManagementPayload", "is-prime job", { check: (p) => (p.id === primeId ? null : p.id) }, () => client.createHttpManagementPayload(primeId));
await call("GET statusQueryGetUri", "of createHttpManagementPayload", { statuses: [200] }, () => client.axiosInstance.get(payload.statusQueryGetUri));
await call("createCheckStatusResponse", "is-prime job", {
    check: (r) => (r.status === 202 && r.headers.get("Location") === payload.statusQueryGetUri.replace(origin, new URL(request.url).origin) ? null : `status ${r.status}`),
}, () => client.createCheckStatusResponse(request, primeId));
await call("waitForCompletionOrCreateCheckStatusResponse", "terminated job", { check: (r) => (r.status === 200 ? null : `answered ${r.status}`) },
    () => client.waitForCompletionOrCreateCheckStatusResponse(request, rangeId, { timeoutInMilliseconds: 2000, retryIntervalInMilliseconds: 500 }));
await call("waitForCompletionOrCreateCheckStatusResponse", "failed job", { check: (r) => (r.status === 500 ? null : `answered ${r.status}`) },
    () => client.waitForCompletionOrCreateCheckStatusResponse(request, failedId, { timeoutInMilliseconds: 2000, retryIntervalInMilliseconds: 500 }));

// Purges: one instance, then by filter — only the statuses asked for.
await call("purgeInstanceHistory", "completed job", { statuses: [200], check: (r) => (r.instancesDeleted === 1 ? null : JSON.stringify(r)) }, () => client.purgeInstanceHistory(primeId));
await call("purgeInstanceHistory", "purged job", { statuses: [404], check: (r) => (r.instancesDeleted === 0 ? null : JSON.stringify(r)) }, () => client.purgeInstanceHistory(primeId));
await call("purgeInstanceHistoryBy", "Terminated since the start", { statuses: [200], check: (r) => (r.instancesDeleted === 1 ? null : JSON.stringify(r)) },
    () => client.purgeInstanceHistoryBy({ createdTimeFrom: started, runtimeStatus: [df.OrchestrationRuntimeStatus.Terminated] }));
await call("getStatus", "failed job, after purging Terminated", { statuses: [200], check: (s) => (s.runtimeStatus === "Failed" ? null : s.runtimeStatus) },
    () => client.getStatus(failedId));
await call("purgeInstanceHistoryBy", "Terminated again", { statuses: [404], check: (r) => (r.instancesDeleted === 0 ? null : JSON.stringify(r)) },
    () => client.purgeInstanceHistoryBy({ createdTimeFrom: started, runtimeStatus: [df.OrchestrationRuntimeStatus.Terminated] }));

const failures = results.filter((r) => !r.ok);
console.log(`${results.length - failures.length} of ${results.length} calls answered as the extension answers.`);
process.exit(failures.length === 0 ? 0 : 1);

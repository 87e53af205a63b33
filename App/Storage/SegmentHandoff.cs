using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// The sieve→merge hand-off: how a job's merge learns which segments its run's sieves have settled, and whether each
/// was found stored or sieved — by job id and run id alone. No time is compared: the workers that sieve and the one
/// that merges each have their own clock.
/// </summary>
/// <remarks>
/// The protocol, whole:
/// <list type="number">
/// <item>A sieve task settles each of its segments for its run (<see cref="SettleAsync"/>). If the run's hand-off row for
/// the segment exists — the task was delivered again, or the merge settled the segment first — that row is the answer,
/// unchanged. Otherwise the segment is found in the catalog (reused, unless the catalog says this very run sieved it: a
/// redelivered task that stored it but died before handing it off) or sieved and stored (not reused), and handed off:
/// the row added, or — if someone else settled the segment meanwhile — theirs read and returned. The first row written
/// stands, and everyone answers with it.</item>
/// <item>The merge reads segments in grid order, waiting for each one's row (<see cref="WaitAsync"/>): woken at once
/// when the segment is handed off in this process, looking every <see cref="PollInterval"/> otherwise (it was sieved on
/// another worker). A segment not handed off within the merge's patience (its sieve died, or waits for a slot the merge
/// holds) is settled by the merge itself, by the same rule — so the first to settle it decides, whoever that is.</item>
/// <item>The sieve results the orchestrator counts and the summary the merge writes both come from these rows, so the
/// status and the summary always agree on how many segments were reused.</item>
/// <item>A sieve of a deleted run sieves nothing and hands nothing off (<c>maySieve</c> says no); the merge of a deleted
/// run loses its claim and stops (see <see cref="JobManifestStore"/>).</item>
/// </list>
/// A segment sieved here is also held in memory for the merge (<see cref="SegmentMemory"/>), so a merge on the same
/// worker renders it without downloading it.
/// </remarks>
public sealed class SegmentHandoff
{
    /// <summary>How often a waiting merge looks for a row it has not been woken for.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly TableClient table;
    private readonly CreatedOnce created;
    private readonly SegmentStore segments;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<(string Job, string Row), TaskCompletionSource> waiters = new();

    public SegmentHandoff(StorageAccount account, SegmentStore segments, TimeProvider? time = null)
    {
        table = account.Tables.GetTableClient(JobManifestStore.TableName);
        created = new CreatedOnce(() => table.CreateIfNotExistsAsync());
        this.segments = segments;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Settles segment <paramref name="index"/> for <paramref name="run"/> (step 1 above): the row already handed off, or
    /// the segment found or sieved and handed off now. Null when it was neither handed off nor found and
    /// <paramref name="maySieve"/> declined to sieve it (the run was deleted).
    /// </summary>
    public async Task<HandedOffSegment?> SettleAsync(
        JobRun run, ulong width, long index, Func<Task<bool>> maySieve, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(run, index, cancellationToken) is { } settled)
        {
            return settled;
        }

        HandedOffSegment segment;
        if (await segments.FindAsync(width, index, cancellationToken) is { } known && await segments.TouchAsync(known, run.RunId, cancellationToken))
        {
            segment = new HandedOffSegment(index, known.Count, known.Sha256, Reused: known.SievedBy != run.RunId);
        }
        else if (await maySieve())
        {
            var sieved = await segments.SieveAsync(width, index, run.RunId, cancellationToken);
            segment = new HandedOffSegment(index, sieved.Bitmap.Count, sieved.Sha256, Reused: false);
        }
        else
        {
            return null;
        }

        return await HandOffAsync(run, segment, cancellationToken);
    }

    /// <summary>
    /// The row of segment <paramref name="index"/> of <paramref name="run"/> as soon as it is handed off (step 2 above);
    /// null when it has not been within <paramref name="patience"/>.
    /// </summary>
    public async Task<HandedOffSegment?> WaitAsync(JobRun run, long index, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var key = (run.JobId, HandoffRecord.RowFor(run.RunId, index));
        var started = time.GetTimestamp();
        while (true)
        {
            var woken = waiters.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            var row = await FindAsync(run, index, cancellationToken);
            if (row is not null || time.GetElapsedTime(started) >= patience)
            {
                waiters.TryRemove(KeyValuePair.Create(key, woken));
                return row;
            }

            await Task.WhenAny(woken.Task, Task.Delay(PollInterval, time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The row of segment <paramref name="index"/> of <paramref name="run"/>, if it has been handed off.</summary>
    public async Task<HandedOffSegment?> FindAsync(JobRun run, long index, CancellationToken cancellationToken = default)
    {
        await created.EnsureAsync();
        var row = await table.GetEntityIfExistsAsync<HandoffRecord>(run.JobId, HandoffRecord.RowFor(run.RunId, index), cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.Read() : null;
    }

    /// <summary>Every segment <paramref name="run"/> has handed off so far, by index.</summary>
    public async Task<IReadOnlyDictionary<long, HandedOffSegment>> ReadRunAsync(JobRun run, CancellationToken cancellationToken = default)
    {
        await created.EnsureAsync();
        string from = HandoffRecord.RunPrefix(run.RunId), to = from[..^1] + ".";
        var rows = new Dictionary<long, HandedOffSegment>();
        await foreach (var row in table.QueryAsync<HandoffRecord>(
            r => r.PartitionKey == run.JobId && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0, cancellationToken: cancellationToken))
        {
            var segment = row.Read();
            rows[segment.Index] = segment;
        }

        return rows;
    }

    private async Task<HandedOffSegment> HandOffAsync(JobRun run, HandedOffSegment segment, CancellationToken cancellationToken)
    {
        await created.EnsureAsync();
        var record = HandoffRecord.Of(run, segment);
        try
        {
            await table.AddEntityAsync(record, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            segment = await FindAsync(run, segment.Index, cancellationToken)
                ?? throw new InvalidOperationException($"Hand-off row {record.RowKey} of {run.JobId} was there, then gone.");
        }

        if (waiters.TryRemove((run.JobId, record.RowKey), out var waiting))
        {
            waiting.TrySetResult();
        }

        return segment;
    }
}

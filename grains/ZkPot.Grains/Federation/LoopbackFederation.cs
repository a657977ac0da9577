using System.Collections.Concurrent;
using System.Diagnostics;
using ZkPot.Ledger.Simulation;

namespace ZkPot.Grains.Federation;

/// <summary>
/// The federation link between members that run in one process (the embedded <c>simulate</c>): bytes only, no shared
/// objects, with seeded loss, duplication, delay and partition (<see cref="LinkFaults"/>). It counts what each member sent.
/// </summary>
public sealed class LoopbackFederation
{
    readonly ConcurrentDictionary<string, IFederationPeer> _peers = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> _sentBytes = new(StringComparer.Ordinal);
    readonly LinkFaults _faults;
    readonly SplitMix64 _random;
    readonly Stopwatch _clock = new();
    readonly Lock _randomLock = new();

    public LoopbackFederation(LinkFaults? faults = null)
    {
        _faults = faults ?? LinkFaults.None;
        _faults.Validate();
        _random = new SplitMix64(_faults.Seed);
    }

    /// <summary>Makes a member reachable under its owner name (again after a restart: the new door replaces the old).</summary>
    public void Register(string member, IFederationPeer peer) => _peers[member] = peer;

    /// <summary>Takes a member off the link (its process is gone): what is sent to it is lost.</summary>
    public void Unregister(string member) => _peers.TryRemove(member, out _);

    /// <summary>The link as seen from <paramref name="member"/>: what it sends is counted as its own.</summary>
    public IFederationLink LinkOf(string member) => new Side(this, member);

    public long BytesSentBy(string member) => _sentBytes.GetValueOrDefault(member);

    /// <summary>Messages (and requests) the partition has cut so far: whether it really stood between members while they worked.</summary>
    public long Cut => Interlocked.Read(ref _cut);

    long _cut;

    double Next()
    {
        lock (_randomLock) return _random.NextDouble();
    }

    bool Partitioned(string from, string to)
    {
        // The link's time starts with its first message: setup goes through the operators, not the link.
        lock (_randomLock) if (!_clock.IsRunning) _clock.Start();
        var now = _clock.Elapsed;
        return now >= _faults.PartitionFrom && now < _faults.PartitionUntil
            && _faults.PartitionedOff.Contains(from) != _faults.PartitionedOff.Contains(to);
    }

    /// <summary>Whether a message is lost, and after how many milliseconds each copy arrives.</summary>
    int[] Fate(string from, string to)
    {
        if (Partitioned(from, to))
        {
            Interlocked.Increment(ref _cut);
            return [];
        }
        if (Next() < _faults.DropRate) return [];
        int copies = Next() < _faults.DuplicateRate ? 2 : 1;
        return Enumerable.Range(0, copies).Select(_ => (int)(Next() * _faults.MaxDelayMs)).ToArray();
    }

    sealed class Side(LoopbackFederation net, string me) : IFederationLink
    {
        public void Post(string to, byte[] message)
        {
            net._sentBytes.AddOrUpdate(me, message.Length, (_, v) => v + message.Length);
            foreach (int delay in net.Fate(me, to)) _ = Deliver(to, message, delay);
        }

        async Task Deliver(string to, byte[] message, int delay)
        {
            if (delay > 0) await Task.Delay(delay);
            if (!net._peers.TryGetValue(to, out var peer)) return;
            try { await peer.Deliver(message, me); }
            catch (Exception)
            {
                // A member that is down or failing loses the message, as over a network.
            }
        }

        public async Task<byte[]?> Request(string to, byte[] request, TimeSpan timeout)
        {
            net._sentBytes.AddOrUpdate(me, request.Length, (_, v) => v + request.Length);
            var there = net.Fate(me, to);
            var back = net.Fate(to, me);
            if (there.Length == 0 || back.Length == 0 || !net._peers.TryGetValue(to, out var peer)) return null;
            try
            {
                var answer = Task.Run(async () =>
                {
                    if (there[0] > 0) await Task.Delay(there[0]);
                    var bytes = await peer.Answer(request);
                    if (back[0] > 0) await Task.Delay(back[0]);
                    if (bytes is not null) net._sentBytes.AddOrUpdate(to, bytes.Length, (_, v) => v + bytes.Length);
                    return bytes;
                });
                return await answer.WaitAsync(timeout);
            }
            catch (Exception)
            {
                // No answer in time, or the member failed: the asker goes on without it.
                return null;
            }
        }
    }
}

using System.Buffers.Binary;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Circuits.SecureAggregation;

/// <summary>A participant of a masking attempt: its ids and keys from the genesis set, and the commitment D of its claim.</summary>
public sealed record MaskMember(NodeId Id, byte[] SigningKey, byte[] AgreementKey, G1Affine Commitment)
{
    // A fixed X25519 key to try a member's agreement key against: a low-order point gives the all-zero secret, which
    // every honest neighbour would hit deriving the pair seed.
    static readonly NodeIdentity Probe = NodeIdentity.FromSeed(Hash32.Tagged("zkpot/secagg/key-probe/v1", []).ToArray());

    /// <summary>Null when the member's keys can take part in masking; otherwise why not (it is left out before phase 1).</summary>
    public string? KeyProblem()
    {
        if (SigningKey is not { Length: 32 }) return $"{Id}: its signing key does not have 32 bytes";
        if (AgreementKey is not { Length: 32 }) return $"{Id}: its agreement key does not have 32 bytes";
        try { System.Security.Cryptography.CryptographicOperations.ZeroMemory(Probe.Agree(AgreementKey)); return null; }
        catch (InvalidDataException e) { return $"{Id}: {e.Message}"; }
    }
}

/// <summary>
/// One masking attempt: a task's round, an attempt number and the set S of included participants (PROTOCOL §12). Every
/// secret of the attempt (pairwise seeds, self masks, shares) is derived from its id, so two attempts share nothing.
/// The communication graph is a circulant over a permutation of S drawn from the id: each member has
/// <see cref="Degree"/> neighbours (all others when S is small), and a self mask is shared <see cref="Threshold"/>-of-Degree
/// among them.
/// </summary>
public sealed class MaskContext
{
    readonly int[][] _neighbours;
    readonly Dictionary<NodeId, int> _index;

    public MaskContext(Hash32 taskId, long round, int attempt, IEnumerable<MaskMember> members, int valueCount)
    {
        Members = members.OrderBy(m => m.Id).ToArray();
        if (Members.Count < 2) throw new ArgumentException("secure aggregation needs at least two participants", nameof(members));
        if (valueCount < 1) throw new ArgumentException("a model has at least one value", nameof(valueCount));
        if (Members.Select(m => m.KeyProblem()).FirstOrDefault(p => p is not null) is { } problem)
            throw new ArgumentException($"a participant's keys cannot take part in masking ({problem})", nameof(members));
        _index = [];
        for (int i = 0; i < Members.Count; i++)
            if (!_index.TryAdd(Members[i].Id, i)) throw new ArgumentException($"participant {Members[i].Id} is listed twice", nameof(members));
        TaskId = taskId;
        Round = round;
        Attempt = attempt;
        ValueCount = valueCount;
        Id = ComputeId();
        Degree = DegreeFor(Members.Count);
        Threshold = Degree / 2 + 1;
        Required = Math.Min(Degree, (Degree + 1) / 2 + Degree / 4);
        _neighbours = Circulant();
    }

    public Hash32 TaskId { get; }
    public long Round { get; }
    public int Attempt { get; }
    /// <summary>S, ordered by node id; a member's share of a self mask is evaluated at its index + 1.</summary>
    public IReadOnlyList<MaskMember> Members { get; }
    /// <summary>Values of the model (<see cref="ModelOpening.Values"/>); masks have one more entry, for the commitment's mask.</summary>
    public int ValueCount { get; }
    public Hash32 Id { get; }
    public int Degree { get; }
    public int Threshold { get; }
    /// <summary>How many of its neighbours a survivor needs in the survivor set before it unmasks (R).</summary>
    public int Required { get; }
    /// <summary>Colluding neighbours of a victim (the leader among them) the masks withstand: R + t - k - 1 (PROTOCOL §12).</summary>
    public int Colluders => Required + Threshold - Degree - 1;
    /// <summary>Non-survivors among a survivor's neighbours the round withstands: k - R.</summary>
    public int Dropouts => Degree - Required;

    /// <summary>All others up to 3⌈log2 m⌉ + 1 members, else 3⌈log2 m⌉ rounded up to even: the cost per participant grows with log m.</summary>
    public static int DegreeFor(int m)
    {
        int log = (int)Math.Ceiling(Math.Log2(m));
        int k = 3 * log + (3 * log) % 2;
        return Math.Min(m - 1, k);
    }

    public bool Contains(NodeId id) => _index.ContainsKey(id);

    public int IndexOf(NodeId id) => _index.TryGetValue(id, out int i) ? i : throw new KeyNotFoundException($"{id} is not in the attempt's set");

    public MaskMember this[NodeId id] => Members[IndexOf(id)];

    /// <summary>The graph neighbours of a member, by id order.</summary>
    public IReadOnlyList<MaskMember> Neighbours(NodeId id) => _neighbours[IndexOf(id)].Select(j => Members[j]).ToArray();

    public bool AreNeighbours(NodeId a, NodeId b) => _neighbours[IndexOf(a)].Contains(IndexOf(b));

    /// <summary>+1 when <paramref name="self"/> adds the pair's mask, -1 when it subtracts it: the lower id adds.</summary>
    public static int Sign(NodeId self, NodeId other) => self.CompareTo(other) < 0 ? 1 : -1;

    /// <summary>The x at which a member's shares are evaluated.</summary>
    public long ShareX(NodeId holder) => IndexOf(holder) + 1;

    Hash32 ComputeId()
    {
        var bytes = new byte[32 + 8 + 4 + 4 + Members.Count * (NodeId.Size + 96)];
        int o = 0;
        TaskId.CopyTo(bytes); o += 32;
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(o), Round); o += 8;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o), Attempt); o += 4;
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(o), ValueCount); o += 4;
        foreach (var m in Members)
        {
            m.Id.CopyTo(bytes.AsSpan(o)); o += NodeId.Size;
            m.SigningKey.AsSpan(0, 32).CopyTo(bytes.AsSpan(o)); o += 32;
            m.AgreementKey.AsSpan(0, 32).CopyTo(bytes.AsSpan(o)); o += 32;
            ZkPot.Crypto.CompressedPoint.WriteG1(bytes.AsSpan(o, 32), m.Commitment); o += 32;
        }
        return Hash32.Tagged("zkpot/secagg/context/v1", bytes);
    }

    int[][] Circulant()
    {
        int m = Members.Count;
        if (Degree == m - 1) return Enumerable.Range(0, m).Select(i => Enumerable.Range(0, m).Where(j => j != i).ToArray()).ToArray();
        // A permutation no member chooses: positions by a hash of the attempt id and the member's id.
        Span<byte> buffer = stackalloc byte[32 + NodeId.Size];
        Id.CopyTo(buffer);
        var position = new Hash32[m];
        for (int i = 0; i < m; i++)
        {
            Members[i].Id.CopyTo(buffer[32..]);
            position[i] = Hash32.Tagged("zkpot/secagg/graph/v1", buffer);
        }
        int[] order = Enumerable.Range(0, m).OrderBy(i => position[i]).ToArray();
        var at = new int[m];
        for (int p = 0; p < m; p++) at[order[p]] = p;
        int half = Degree / 2;
        return Enumerable.Range(0, m).Select(i =>
            Enumerable.Range(1, half).SelectMany(d => new[] { order[(at[i] + d) % m], order[(at[i] - d + m) % m] }).Order().ToArray()).ToArray();
    }
}

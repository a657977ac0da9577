using System.Buffers.Binary;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>Orders a round's verified claims: highest correct count first; ties broken by SHA-256(round u64 LE || participant id), ascending.</summary>
/// <remarks>The tie-break hash changes every round, so no participant wins every tie, and nobody can pick an id that always wins.</remarks>
public static class ClaimRanking
{
    public static Hash32 TieBreak(long round, NodeId participant)
    {
        Span<byte> input = stackalloc byte[8 + NodeId.Size];
        BinaryPrimitives.WriteUInt64LittleEndian(input, (ulong)round);
        participant.CopyTo(input[8..]);
        return Hash32.Sha256(input);
    }

    public static List<AccuracyClaim> Rank(IEnumerable<AccuracyClaim> claims, long round) =>
        claims.OrderByDescending(c => c.CorrectCount).ThenBy(c => TieBreak(round, c.Participant)).ToList();
}

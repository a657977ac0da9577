using System.Buffers.Binary;
using System.Diagnostics;
using System.Security.Cryptography;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Rules;

/// <summary>
/// The proof-of-work leader lottery (Nakamoto 2008, as FL-with-PoW designs use it): every participant hashes
/// SHA-256(round, participant, nonce) until the digest starts with d zero bits; the first to succeed leads the round.
/// The difficulty is set from the measured hash rate so that a round's puzzle (the first of n solvers) takes, on
/// average, as long as a ZKPoT proof.
/// </summary>
public static class WorkLottery
{
    /// <summary>
    /// Leading zero bits d such that n solvers at <paramref name="hashesPerSecond"/> each find the first solution in
    /// about <paramref name="targetSeconds"/> on average: 2^d / (n rate) nearest to the target, in log terms (at least 1).
    /// </summary>
    public static int DifficultyBits(double hashesPerSecond, int solvers, double targetSeconds)
    {
        if (!(hashesPerSecond > 0) || !(targetSeconds > 0) || solvers < 1)
            throw new ArgumentOutOfRangeException(nameof(hashesPerSecond), "hash rate, solvers and target must be positive");
        return Math.Clamp((int)Math.Round(Math.Log2(hashesPerSecond * solvers * targetSeconds)), 1, 255);
    }

    /// <summary>Mean seconds until the first of n solvers at the given rate finds a digest with d leading zero bits.</summary>
    public static double ExpectedRoundSeconds(int bits, double hashesPerSecond, int solvers) =>
        Math.Pow(2, bits) / (hashesPerSecond * solvers);

    /// <summary>True when SHA-256(round, participant, nonce) starts with <paramref name="bits"/> zero bits.</summary>
    public static bool Solves(long round, int participant, ulong nonce, int bits)
    {
        Span<byte> input = stackalloc byte[20];
        Span<byte> digest = stackalloc byte[32];
        BinaryPrimitives.WriteInt64LittleEndian(input, round);
        BinaryPrimitives.WriteInt32LittleEndian(input[8..], participant);
        BinaryPrimitives.WriteUInt64LittleEndian(input[12..], nonce);
        SHA256.HashData(input, digest);
        return LeadingZeroBits(digest) >= bits;
    }

    /// <summary>The first nonce from 0 that solves the puzzle (for tests and the rate measurement; rounds draw their winner, see <see cref="Draw"/>).</summary>
    public static ulong Solve(long round, int participant, int bits)
    {
        for (ulong nonce = 0; ; nonce++)
            if (Solves(round, participant, nonce, bits)) return nonce;
    }

    /// <summary>SHA-256 puzzle attempts per second on one core, measured for about <paramref name="seconds"/>.</summary>
    public static double MeasureHashRate(double seconds = 0.25)
    {
        var clock = Stopwatch.StartNew();
        ulong tries = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
            for (int i = 0; i < 4096; i++) Solves(0, 0, tries++, 256);
        return tries / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// A round of the lottery without burning the CPU it stands for: each solver's time to a solution is exponential
    /// with rate (hash rate / 2^d) (hashing is memoryless), so the winner is uniform among the solvers and the round
    /// lasts the smallest of n such times. Drawn from <paramref name="random"/>; returns the winner and the seconds.
    /// </summary>
    public static (int Winner, double Seconds) Draw(DeterministicRandom random, int solvers, int bits, double hashesPerSecond)
    {
        double mean = Math.Pow(2, bits) / hashesPerSecond;
        int winner = 0;
        double first = double.PositiveInfinity;
        for (int s = 0; s < solvers; s++)
        {
            double t = -mean * Math.Log(1 - random.NextDouble());
            if (t < first) { first = t; winner = s; }
        }
        return (winner, first);
    }

    static int LeadingZeroBits(ReadOnlySpan<byte> digest)
    {
        int bits = 0;
        foreach (byte b in digest)
        {
            if (b == 0) { bits += 8; continue; }
            return bits + System.Numerics.BitOperations.LeadingZeroCount((uint)b) - 24;
        }
        return bits;
    }
}

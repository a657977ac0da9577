using ZkPot.Evaluation.Rules;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Tests;

public class WorkLotteryTests
{
    [Fact]
    public void Difficulty_makes_the_first_of_n_solutions_take_about_the_target()
    {
        // 1e6 hashes/s, 10 solvers, 1 s: 2^d = 1e7 -> d = round(23.25) = 23, expected 2^23 / 1e7 = 0.84 s.
        Assert.Equal(23, WorkLottery.DifficultyBits(1e6, 10, 1.0));
        Assert.Equal(Math.Pow(2, 23) / 1e7, WorkLottery.ExpectedRoundSeconds(23, 1e6, 10), 12);
        // Twice the target is one more bit; 100 solvers: 2^d = 1e8 -> d = round(26.58) = 27.
        Assert.Equal(24, WorkLottery.DifficultyBits(1e6, 10, 2.0));
        Assert.Equal(27, WorkLottery.DifficultyBits(1e6, 100, 1.0));
        // Whatever the inputs, the expected time lies within a factor sqrt(2) of the target (rounding in log2).
        foreach (double target in new[] { 0.3, 1.7, 12.0 })
        {
            int bits = WorkLottery.DifficultyBits(3.3e6, 7, target);
            double ratio = WorkLottery.ExpectedRoundSeconds(bits, 3.3e6, 7) / target;
            Assert.InRange(ratio, 1 / Math.Sqrt(2) - 1e-9, Math.Sqrt(2) + 1e-9);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkLottery.DifficultyBits(0, 10, 1));
    }

    [Fact]
    public void Solve_finds_the_first_nonce_with_enough_zero_bits()
    {
        ulong nonce = WorkLottery.Solve(3, 1, 10);
        Assert.True(WorkLottery.Solves(3, 1, nonce, 10));
        for (ulong n = 0; n < nonce; n++) Assert.False(WorkLottery.Solves(3, 1, n, 10));
        // The puzzle depends on the round and the participant.
        Assert.NotEqual(nonce, WorkLottery.Solve(4, 1, 10));
    }

    [Fact]
    public void Lottery_winners_are_uniform_and_rounds_last_the_expected_time()
    {
        var random = new DeterministicRandom(7);
        var wins = new int[5];
        double total = 0;
        const int rounds = 20_000;
        for (int r = 0; r < rounds; r++)
        {
            var (winner, seconds) = WorkLottery.Draw(random, 5, 20, 1e6);
            wins[winner]++;
            total += seconds;
        }
        foreach (int w in wins) Assert.InRange(w, rounds / 5 * 0.9, rounds / 5 * 1.1);
        Assert.InRange(total / rounds, 0.95 * WorkLottery.ExpectedRoundSeconds(20, 1e6, 5), 1.05 * WorkLottery.ExpectedRoundSeconds(20, 1e6, 5));
    }
}

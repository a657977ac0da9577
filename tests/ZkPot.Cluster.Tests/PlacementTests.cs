using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using ZkPot.Grains;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cluster.Tests;

/// <summary>Where the placement filters put provers, participants and validators, judged by the silos' metadata.</summary>
public sealed class PlacementTests
{
    const string GpuOwner = "gpu-org", CpuOwner = "cpu-org";
    const string Fallbacks = "zkpot.prover.placement.fallback";

    /// <summary>Three silos: one of <see cref="CpuOwner"/> (CPU only), then a GPU and a CPU silo of <see cref="GpuOwner"/>.</summary>
    static SiloRole Layout(int index) => index switch
    {
        0 => new("", false, CpuOwner),
        1 => new("", true, GpuOwner),
        _ => new("", false, GpuOwner),
    };

    static SiloRole RoleOf(InProcessSiloHandle silo) => silo.ServiceProvider.GetRequiredService<SiloRole>();

    static InProcessSiloHandle SiloOf(EmbeddedCluster cluster, string owner, bool gpu) =>
        Assert.Single(cluster.Cluster.Silos, s => RoleOf(s).Owner == owner && RoleOf(s).Gpu == gpu);

    [Fact]
    public async Task Provers_run_on_their_owners_gpu_silo_and_on_its_cpu_silo_with_a_fallback_count_when_the_owner_has_no_gpu()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(3, roles: Layout);
        using var fallbacks = new CounterRecorder(Fallbacks, "owner");
        var gpu = SiloOf(cluster, GpuOwner, gpu: true);
        var cpu = SiloOf(cluster, CpuOwner, gpu: false);

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal((gpu.Name, true, GpuOwner), await cluster.Grains.GetGrain<IProverGrain>($"{GpuOwner}/p{i}").Where());
            Assert.Equal((cpu.Name, false, CpuOwner), await cluster.Grains.GetGrain<IProverGrain>($"{CpuOwner}/p{i}").Where());
        }
        Assert.Equal(0, fallbacks.Total(GpuOwner));
        Assert.Equal(4, fallbacks.Total(CpuOwner));
    }

    [Fact]
    public async Task Participants_and_validators_activate_only_on_their_owners_silos()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(3, roles: Layout);
        var management = cluster.Grains.GetGrain<IManagementGrain>(0);
        foreach (string owner in new[] { GpuOwner, CpuOwner })
        {
            for (int i = 0; i < 6; i++)
            {
                string key = $"{owner}/p{i}";
                var participant = cluster.Grains.GetGrain<IParticipantGrain>(key);
                var keys = await participant.Initialize(new ParticipantSetup { Task = new TaskSpec() });
                Assert.Equal(owner, keys.Owner);
                var validator = cluster.Grains.GetGrain<IValidatorGrain>(key);
                Assert.Empty(await validator.AggregatedAt(1));

                var participantSilo = await management.GetActivationAddress(participant);
                var validatorSilo = await management.GetActivationAddress(validator);
                Assert.NotNull(participantSilo);
                Assert.NotNull(validatorSilo);
                Assert.Equal(owner, cluster.Cluster.GetSiloServiceProvider(participantSilo).GetRequiredService<SiloRole>().Owner);
                Assert.True(owner == cluster.Cluster.GetSiloServiceProvider(validatorSilo).GetRequiredService<SiloRole>().Owner,
                    $"validator {key} activated on {validatorSilo}, a silo of {cluster.Cluster.GetSiloServiceProvider(validatorSilo).GetRequiredService<SiloRole>().Owner}");
            }
        }
    }

    [Fact]
    public async Task Killing_the_owners_gpu_silo_sends_provers_activated_afterwards_to_its_cpu_silo()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(3, roles: Layout);
        var gpu = SiloOf(cluster, GpuOwner, gpu: true);
        var cpu = SiloOf(cluster, GpuOwner, gpu: false);
        var before = cluster.Grains.GetGrain<IProverGrain>($"{GpuOwner}/p0");
        Assert.Equal((gpu.Name, true, GpuOwner), await before.Where());

        await cluster.Cluster.KillSiloAsync(gpu);
        await cluster.Cluster.WaitForLivenessToStabilizeAsync();
        using var fallbacks = new CounterRecorder(Fallbacks, "owner");

        Assert.Equal((cpu.Name, false, GpuOwner), await cluster.Grains.GetGrain<IProverGrain>($"{GpuOwner}/p1").Where());
        // The prover that lived on the dead silo comes back on the owner's CPU silo too, never on another owner's.
        Assert.Equal((cpu.Name, false, GpuOwner), await before.Where());
        Assert.Equal(2, fallbacks.Total(GpuOwner));
        Assert.Equal(0, fallbacks.Total(CpuOwner));
    }
}

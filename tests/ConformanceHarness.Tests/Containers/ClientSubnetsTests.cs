using ConformanceHarness.Containers;

namespace ConformanceHarness.Tests.Containers;

/// <summary>
/// The extra client networks' subnets: never where a stock relay rule trusts its clients (Debian's Courier relays for
/// 10/8 and 192.168/16), never over a subnet the engine or the host already uses, one /24 each.
/// </summary>
public sealed class ClientSubnetsTests
{
    [Test]
    public void Pick_AnySeed_OnlyDistinct24sInside172_16Slash12()
    {
        foreach (var seed in new[] { 0, 1, 4095, 4096, 123_456_789, -7 })
        {
            var picked = ClientSubnets.Pick([], 5, seed);
            Assert.That(picked, Has.Count.EqualTo(5));
            Assert.That(picked, Is.Unique);
            Assert.That(picked, Has.All.EndsWith(".0/24"));
            Assert.That(picked.Select(ClientSubnets.Gateway), Has.All.Matches<string>(ClientSubnets.InBlock), $"seed {seed}");
        }
    }

    [Test]
    public void Pick_SkipsTakenSubnets_WiderAndNarrower()
    {
        // Seed 256 starts at 172.17.0.0/24, inside the default bridge's /16; a /28 taken inside 172.18.0.0/24 blocks that /24 too.
        var picked = ClientSubnets.Pick(["172.17.0.0/16", "172.18.0.16/28", "fd00::/64", "not a subnet"], 2, 256);
        Assert.That(picked, Is.EqualTo(new[] { "172.18.1.0/24", "172.18.2.0/24" }));
    }

    [Test]
    public void Pick_WholeBlockTaken_GivesNone()
    {
        Assert.That(ClientSubnets.Pick(["172.16.0.0/12"], 3, 0), Is.Empty);
        Assert.That(ClientSubnets.Pick(["0.0.0.0/0"], 3, 0), Is.Empty);
    }

    [TestCase("172.16.0.1", true)]
    [TestCase("172.31.255.1", true)]
    [TestCase("172.32.0.1", false)]
    [TestCase("172.15.255.1", false)]
    [TestCase("10.0.0.1", false)]
    [TestCase("192.168.1.1", false)]
    [TestCase("127.0.0.1", false)]
    [TestCase("::1", false)]
    public void InBlock_OnlyRfc1918Block172_16(string address, bool inside) =>
        Assert.That(ClientSubnets.InBlock(address), Is.EqualTo(inside));

    [Test]
    public void Gateway_IsTheFirstAddress() =>
        Assert.That(ClientSubnets.Gateway("172.20.7.0/24"), Is.EqualTo("172.20.7.1"));
}

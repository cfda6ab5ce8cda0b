using System.Net;
using System.Net.Sockets;

namespace ConformanceHarness.Containers;

/// <summary>
/// Chooses the subnets of the networks that give a target extra client addresses (<see cref="ClientNetworks"/>): /24s
/// inside 172.16.0.0/12 only, each apart from every subnet the engine or this machine already uses. Each /24 gives the
/// host one gateway address, so a server that counts connections per address and per /24 (Courier's MAXPERIP and
/// MAXPERC) counts each network apart. 172.16.0.0/12 because it is where the engine's own default bridge is, and
/// because mail servers' stock relay rules trust the other private blocks (Debian's Courier relays for 10/8 and
/// 192.168/16, RFC 1918 §3): a client address there could turn a relay verdict.
/// </summary>
public static class ClientSubnets
{
    private static readonly (uint Network, int Prefix) Block = (Parse("172.16.0.0"), 12);

    /// <summary>
    /// <paramref name="count"/> /24 subnets of 172.16.0.0/12 (as "a.b.c.0/24", gateway a.b.c.1) that overlap none of
    /// <paramref name="taken"/> (CIDR strings; IPv6 and unreadable ones are ignored), starting at a place chosen by
    /// <paramref name="seed"/> so that runs side by side seldom ask for the same one. Fewer when the block is full.
    /// </summary>
    public static IReadOnlyList<string> Pick(IEnumerable<string> taken, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var used = taken.Select(TryParseCidr).OfType<(uint Network, int Prefix)>().ToList();
        const int candidates = 1 << (24 - 12);
        var start = (int)((uint)seed % candidates);
        var chosen = new List<string>();
        for (var i = 0; i < candidates && chosen.Count < count; i++)
        {
            var network = Block.Network + ((uint)((start + i) % candidates) << 8);
            if (!used.Any(u => Overlap((network, 24), u)))
            {
                used.Add((network, 24));
                chosen.Add($"{Format(network)}/24");
            }
        }

        return chosen;
    }

    /// <summary>The gateway (the host's address) of a subnet <see cref="Pick"/> chose: its first address.</summary>
    public static string Gateway(string subnet)
    {
        var (network, _) = TryParseCidr(subnet) ?? throw new ArgumentException($"not an IPv4 subnet: {subnet}", nameof(subnet));
        return Format(network + 1);
    }

    /// <summary>True when <paramref name="address"/> is an IPv4 address inside 172.16.0.0/12, the only block client addresses come from.</summary>
    public static bool InBlock(string address) =>
        IPAddress.TryParse(address, out var ip) && ip.AddressFamily == AddressFamily.InterNetwork && Overlap((ToUInt(ip), 32), Block);

    private static bool Overlap((uint Network, int Prefix) a, (uint Network, int Prefix) b)
    {
        var prefix = Math.Min(a.Prefix, b.Prefix);
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (a.Network & mask) == (b.Network & mask);
    }

    private static (uint Network, int Prefix)? TryParseCidr(string cidr)
    {
        var parts = cidr.Split('/');
        return parts.Length == 2 && IPAddress.TryParse(parts[0], out var ip) && ip.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix is >= 0 and <= 32
            ? (ToUInt(ip), prefix)
            : null;
    }

    private static uint Parse(string address) => ToUInt(IPAddress.Parse(address));

    private static uint ToUInt(IPAddress ip)
    {
        var b = ip.GetAddressBytes();
        return ((uint)b[0] << 24) | ((uint)b[1] << 16) | ((uint)b[2] << 8) | b[3];
    }

    private static string Format(uint address) => $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}";
}

using System.Text;

namespace ConformanceHarness.Tests.Fakes;

/// <summary>
/// A server that misbehaves at the transport level (<see cref="Hostility"/>): the harness must still reach a
/// verdict within its step timeout, without hanging or throwing.
/// </summary>
public sealed class HostileServer : LoopbackServer
{
    private const int BlockBytes = 8192;

    public HostileServer(Hostility behaviour, bool pop3 = false)
    {
        Behaviour = behaviour;
        Pop3 = pop3;
        Start();
    }

    public Hostility Behaviour { get; }

    /// <summary>Greets like a POP3 server (+OK) rather than an SMTP one (220).</summary>
    public bool Pop3 { get; }

    private string Greeting => Pop3 ? "+OK hostile POP3 ready\r\n" : "220 mx.example.test hostile ESMTP\r\n";

    protected override async Task ServeAsync(FakeConnection connection, CancellationToken cancellationToken)
    {
        switch (Behaviour)
        {
            case Hostility.Silent:
                await connection.DrainAsync(cancellationToken);
                break;
            case Hostility.Drip:
                foreach (var b in Encoding.ASCII.GetBytes(Greeting))
                {
                    await connection.WriteAsync(new[] { b }, cancellationToken);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }

                await connection.DrainAsync(cancellationToken);
                break;
            case Hostility.EndlessLine:
                await connection.WriteAsync(Pop3 ? "+OK " : "220 ", cancellationToken);
                await ForeverAsync(connection, Encoding.ASCII.GetBytes(new string('x', BlockBytes)), cancellationToken);
                break;
            case Hostility.EndlessMultiLine:
                await connection.WriteAsync(Greeting, cancellationToken);
                _ = await connection.ReadLineAsync(cancellationToken);
                await ForeverAsync(connection, Lines("250-mx.example.test and one more line\r\n"), cancellationToken);
                break;
            case Hostility.EndlessPop3Body:
                await connection.WriteAsync(Greeting, cancellationToken);
                _ = await connection.ReadLineAsync(cancellationToken);
                await connection.WriteAsync("+OK here it comes\r\n", cancellationToken);
                await ForeverAsync(connection, Lines("a line of a body that never ends\r\n"), cancellationToken);
                break;
            case Hostility.Garbage:
                await connection.WriteAsync(GarbageBytes(), cancellationToken);
                await connection.DrainAsync(cancellationToken);
                break;
            case Hostility.ResetMidReply:
                await connection.WriteAsync(Pop3 ? "+OK hostile POP3 rea" : "220-mx.example.test first line\r\n220-and then", cancellationToken);
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
                connection.Reset();
                break;
            case Hostility.CloseAfterGreeting:
                await connection.WriteAsync(Greeting, cancellationToken);
                break;
            case Hostility.StopsReading:
                await connection.WriteAsync(Greeting, cancellationToken);
                await Task.Delay(Timeout.Infinite, cancellationToken);
                break;
        }
    }

    /// <summary>Writes the block until the client goes away or the server stops.</summary>
    private static async Task ForeverAsync(FakeConnection connection, byte[] block, CancellationToken cancellationToken)
    {
        while (true)
        {
            await connection.WriteAsync(block, cancellationToken);
        }
    }

    private static byte[] Lines(string line) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(line, BlockBytes / line.Length)));

    /// <summary>Deterministic binary noise with line feeds in it, starting with bytes no reply starts with.</summary>
    private static byte[] GarbageBytes()
    {
        var bytes = new byte[16 * 1024];
        new Random(5321).NextBytes(bytes);
        bytes[0] = 0xFF;
        bytes[1] = 0x00;
        for (var i = 97; i < bytes.Length; i += 97)
        {
            bytes[i] = (byte)'\n';
        }

        return bytes;
    }
}

using ConformanceHarness.Running.Dialogue.Steps;
using ConformanceHarness.Scenarios;

namespace ConformanceHarness.Running.Dialogue;

/// <summary>
/// The language: which handler runs each kind of step. A new step kind is a <see cref="Step"/> record, its parser
/// line, one handler file under Steps/ and one row here.
/// </summary>
internal static class StepHandlers
{
    private static readonly Dictionary<Type, IStepHandler> Table = new()
    {
        [typeof(SendStep)] = new SendHandler(),
        [typeof(ExpectStep)] = new ExpectHandler(),
        [typeof(TlsStep)] = new TlsHandler(),
        [typeof(SecureStep)] = new SecureHandler(),
        [typeof(ExpectCloseStep)] = new ExpectCloseHandler(),
        [typeof(ExpectSilenceStep)] = new ExpectSilenceHandler(),
        [typeof(FillStep)] = new FillHandler(),
        [typeof(PauseStep)] = new PauseHandler(),
        [typeof(TimeoutStep)] = new TimeoutHandler(),
        [typeof(ConnectStep)] = new ConnectHandler(),
        [typeof(UseStep)] = new UseHandler(),
        [typeof(DropStep)] = new DropHandler(),
        [typeof(SetStep)] = new SetHandler(),
        [typeof(AssertStep)] = new AssertHandler(),
        [typeof(DeliveryStep)] = new DeliveryHandler(),
        [typeof(LocateStep)] = new LocateHandler(),
        [typeof(ConfirmStep)] = new ConfirmHandler(),
        [typeof(SignedDataStep)] = new SignedDataHandler(),
    };

    public static IStepHandler? For(Step step) => Table.GetValueOrDefault(step.GetType());
}

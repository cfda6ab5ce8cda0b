#!/usr/bin/env pwsh
# ConformanceHarness — the two entry points.
#
#   dotnet tool restore; dotnet pwsh run.ps1            the main job: engine + images, then the whole catalog
#                                                       on every bundled target, printed as a matrix (+ reports/)
#   dotnet tool restore; dotnet pwsh run.ps1 test       the test suite (unit tests, fake servers, real containers)
#   dotnet pwsh run.ps1 cli -- ARGS…                    the CLI itself, e.g. `cli -- list --level security`
#
# Both set up what they need first: on Linux as root with apt, .ci/engine.sh installs Debian's docker.io,
# starts dockerd and imports a debootstrap base image once; elsewhere they stop and say how to get an engine.
#
# No param() block: with one, PowerShell binds every `-x`/`--x` after the command as one of ITS parameters ("the
# parameter name '' is ambiguous"), so `cli -- list --format tsv` never reached the CLI. The arguments are read from
# $args as given: the first is the command, the rest go to the CLI (or the test run) untouched.
$Command = if ($args.Count -gt 0) { [string] $args[0] } else { 'main' }
$Rest = @($args | Select-Object -Skip 1 | ForEach-Object { [string] $_ })
if ($Command -notin 'main', 'test', 'cli', 'engine') {
    Write-Host "run.ps1: unknown command '$Command' (main, test, cli -- ARGS…, engine)" -ForegroundColor Red
    exit 2
}

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
Set-Location $root

function Initialize-Engine {
    Assert-EngineReachable
    # Idempotent: starts the engine if needed, imports the base image once, installs the egress block.
    & bash (Join-Path $root '.ci/engine.sh')
    if ($LASTEXITCODE -ne 0) { throw "engine set-up failed (see the lines above)" }
    Set-EngineEnvironment
}

function Assert-EngineReachable {
    $isRoot = $IsLinux -and ((& id -u) -eq '0')
    $hasApt = $IsLinux -and (Test-Path '/usr/bin/apt-get')
    & docker info *> $null
    if (($LASTEXITCODE -ne 0) -and -not ($isRoot -and $hasApt)) {
        Write-Host "No Docker engine answers, and this script can only install one as root on an apt-based Linux." -ForegroundColor Red
        Write-Host "Install Docker Engine (https://docs.docker.com/engine/install/) or Docker Desktop, start it, and run this again."
        exit 3
    }
}

function Set-EngineEnvironment {
    $api = (& docker version --format '{{.Server.APIVersion}}' 2>$null)
    if ($api) { $env:DOCKER_API_VERSION = $api }
    $env:TESTCONTAINERS_RYUK_DISABLED = 'true'
    $env:TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1'
}

# A step as a process of its own (its output on this console, or in a file), so that steps run side by side.
function Start-Step([string] $File, [string[]] $Arguments) {
    $info = [System.Diagnostics.ProcessStartInfo]::new($File)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.UseShellExecute = $false
    return [System.Diagnostics.Process]::Start($info)
}

function Wait-Step([System.Diagnostics.Process] $Process, [string] $What) {
    $Process.WaitForExit()
    if ($Process.ExitCode -ne 0) { throw "$What failed (see the lines above)" }
}

function Initialize-TestTools {
    # Real servers and services the tests start as local processes: aiosmtpd (a process: target), dnsmasq
    # (a DNS server on loopback serving the test zones) and chromium (headless, for the HTML report). Installed from Debian's packages when missing.
    $missing = @()
    & /usr/bin/python3 -c 'import aiosmtpd' *> $null
    if ($LASTEXITCODE -ne 0) { $missing += 'python3-aiosmtpd' }
    if (-not (Get-Command dnsmasq -ErrorAction SilentlyContinue) -and -not (Test-Path '/usr/sbin/dnsmasq')) { $missing += 'dnsmasq-base' }
    # Debian's chromium: the HTML report's browser tests (category Browser) drive it headless over the DevTools Protocol.
    if (-not (Test-Path '/usr/bin/chromium')) { $missing += 'chromium' }
    if ($missing.Count -eq 0) { return }
    $isRoot = $IsLinux -and ((& id -u) -eq '0')
    if ($isRoot -and (Test-Path '/usr/bin/apt-get')) {
        Write-Host "installing $($missing -join ', ') from Debian's packages"
        & apt-get install -y --no-install-recommends @missing *> $null
        if ($LASTEXITCODE -ne 0) {
            & apt-get update *> $null
            & apt-get install -y --no-install-recommends @missing
            if ($LASTEXITCODE -ne 0) { throw "could not install $($missing -join ', ')" }
        }
    }
    else {
        Write-Host "The tests need: $($missing -join ', ') (Debian packages). Install them and run again." -ForegroundColor Red
        exit 3
    }
}

# Called as a statement (never assigned): the CLI's output then goes straight to the console (a terminal stays a terminal).
# Assigning it would capture the matrix into the variable and print nothing. The exit code is left in $script:CliExit.
# Published ReadyToRun (precompiled for this machine's runtime): the CLI starts without JIT-compiling itself, which on
# 2 cores was most of a short run's wall time. Incremental: an unchanged project is not compiled again.
function Invoke-Cli([string[]] $CliArgs) {
    Wait-Step (Start-Step 'dotnet' (Get-PublishArguments)) 'build'
    Start-Cli $CliArgs
}

function Get-PublishArguments {
    # Self-contained, and one composite ReadyToRun image of the CLI, its libraries and the runtime: the JIT is left only
    # what crossgen cannot pregenerate (a one-scenario run used about 200 ms of CPU instead of about 300 ms; README,
    # "Speed, before and after"). A publish after a source change or a new commit (the version carries it) compiles the
    # whole composite again: about 2 min on 2 quiet cores, 4-7 min on a loaded machine; with nothing changed, about 4 s.
    # Its obj/ and bin/ are its own (--artifacts-path): sharing the project's obj/ with framework-dependent builds once
    # left a CLI that aborted at start.
    $build = Join-Path $root 'harness/ConformanceHarness.Cli/bin/Release/composite-build'
    $out = Join-Path $root 'harness/ConformanceHarness.Cli/bin/Release/composite'
    # crossgen compiles for this CPU's instruction set (the publish is for this machine already: --use-current-runtime):
    # with its default set, the methods whose code depends on Vector256/Vector512 support (span searches, SearchValues,
    # LINQ's vectorised Min/Max/Sum) were left to the JIT at every start — `list` JIT-compiled 139 methods, 113 with the
    # set named. A CPU without it would only JIT-compile the image, so only what this CPU has is named.
    $isa = @()
    if ([System.Runtime.Intrinsics.X86.Avx512BW]::IsSupported -and [System.Runtime.Intrinsics.X86.Avx512DQ]::IsSupported -and
        [System.Runtime.Intrinsics.X86.Avx512CD]::IsSupported -and [System.Runtime.Intrinsics.X86.Avx512F+VL]::IsSupported) {
        $isa = @('-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v4')
    } elseif ([System.Runtime.Intrinsics.X86.Avx2]::IsSupported -and [System.Runtime.Intrinsics.X86.Bmi2]::IsSupported -and
        [System.Runtime.Intrinsics.X86.Fma]::IsSupported -and [System.Runtime.Intrinsics.X86.Lzcnt]::IsSupported) {
        $isa = @('-p:PublishReadyToRunCrossgen2ExtraArgs=--instruction-set:x86-64-v3')
    }
    return @('publish', (Join-Path $root 'harness/ConformanceHarness.Cli'), '-c', 'Release', '--use-current-runtime', '--self-contained', 'true',
        '-p:PublishReadyToRun=true', '-p:PublishReadyToRunComposite=true') + $isa + @('--artifacts-path', $build, '-o', $out, '--nologo', '-v', 'quiet')
}

function Start-Cli([string[]] $CliArgs) {
    $out = Join-Path $root 'harness/ConformanceHarness.Cli/bin/Release/composite'
    $apphost = Join-Path $out ($IsWindows ? 'conformance-harness.exe' : 'conformance-harness')
    if (Test-Path $apphost) { & $apphost @CliArgs } else { & dotnet (Join-Path $out 'conformance-harness.dll') @CliArgs }
    $script:CliExit = $LASTEXITCODE
}

switch ($Command) {
    'engine' {
        Initialize-Engine
    }
    'main' {
        # On a fresh machine the engine's base image (debootstrap), the bundled images and the CLI's composite publish
        # take minutes each; one after another they were most of the job. Here the publish (CPU) runs beside the base
        # image and then the image builds (network and dpkg), the images of the longest-running targets first; the CLI
        # starts when it is published and the base image is there, and each target starts as soon as its image is
        # built (ContainerImages waits for the script's build of it: ImageBuildLock). README, "Speed, before and after".
        Assert-EngineReachable
        $engineScript = Join-Path $root '.ci/engine.sh'
        New-Item -ItemType Directory -Force -Path (Join-Path $root 'reports') | Out-Null
        $publish = Start-Step 'dotnet' (Get-PublishArguments)
        $engine = Start-Step 'bash' @($engineScript)
        try { Wait-Step $engine 'engine set-up' } catch { $publish.Kill($true); throw }
        # Its lines would break into the CLI's progress display: they go to a file, shown when a build failed.
        $imagesLog = Join-Path $root 'reports/images.log'
        $images = Start-Step 'bash' @('-c', 'exec bash "$0" --build >"$1" 2>&1', $engineScript, $imagesLog)
        try { Wait-Step $publish 'build' } catch { $images.Kill($true); throw }
        Set-EngineEnvironment
        Start-Cli (@('compare', '--bundled',
                '--junit', (Join-Path $root 'reports/junit.xml'),
                '--json', (Join-Path $root 'reports/report.json'),
                '--html', (Join-Path $root 'reports/report.html')) + $Rest)
        $images.WaitForExit()
        if ($images.ExitCode -ne 0) {
            Write-Host "building the images in the background failed (the targets' rows say what that left them); $imagesLog ends:" -ForegroundColor Yellow
            Get-Content $imagesLog -Tail 15 | Write-Host
        }
        exit $script:CliExit
    }
    'cli' {
        if ($Rest.Count -gt 0 -and $Rest[0] -eq '--') { $Rest = @($Rest | Select-Object -Skip 1) }
        $needsEngine = ($Rest -join ' ') -match 'container:|--bundled'
        if ($needsEngine) { Initialize-Engine }
        Invoke-Cli $Rest
        exit $script:CliExit
    }
    'test' {
        Initialize-Engine
        Initialize-TestTools
        $results = Join-Path $root 'reports/tests'
        if (Test-Path $results) { Remove-Item -Recurse -Force $results }
        & dotnet test (Join-Path $root 'ConformanceHarness.sln') -c Release --nologo `
            --logger 'trx;LogFileName=tests.trx' --logger 'console;verbosity=normal' --results-directory $results @Rest
        $testExit = $LASTEXITCODE
        $trx = Get-ChildItem -Path $results -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($null -eq $trx) {
            Write-Host "0 passed, 1 failed"
            exit 1
        }
        [xml] $doc = Get-Content $trx.FullName
        # Count the results themselves: the summary counters leave ignored tests out of notExecuted.
        $outcomes = @($doc.TestRun.Results.UnitTestResult | ForEach-Object { $_.outcome })
        $passed = @($outcomes | Where-Object { $_ -eq 'Passed' }).Count
        $failed = @($outcomes | Where-Object { $_ -in 'Failed', 'Error', 'Timeout', 'Aborted' }).Count
        $skipped = $outcomes.Count - $passed - $failed
        if ($testExit -ne 0 -and $failed -eq 0) { $failed = 1 }
        Write-Host "$passed passed, $failed failed, $skipped skipped"
        exit $testExit
    }
}

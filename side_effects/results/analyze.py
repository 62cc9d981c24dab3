# The side-effects README's tables from nine run directories named
# ppo_s<S>, aup1_s<S>, aup4_s<S> under one folder (argument; default runs):
#   python3 side_effects/results/analyze.py runs
# prints the tables and writes runs/curves.dat for curves.gp (gnuplot).
# Python's standard library only; not part of the build.
import csv, math, statistics as st, sys, os
base = sys.argv[1] if len(sys.argv) > 1 else 'runs'
conds = [('ppo', 'PPO'), ('aup1', 'AUP, n = 1'), ('aup4', 'AUP, n = 4')]
def f(x):
    try: return float(x)
    except: return float('nan')
def ms(v):
    v = [x for x in v if not math.isnan(x)]
    if not v: return 'n/a'
    return f"{st.mean(v):.3f} ± {st.stdev(v):.3f}" if len(v) > 1 else f"{v[0]:.3f}"
out = []
curves = {}
for key, label in conds:
    runs = sorted(d for d in os.listdir(base) if d.startswith(key + '_s') and os.path.exists(os.path.join(base, d, 'eval.csv')))
    ev = {k: [] for k in ['reward','completion','exit_rate','side_effects','episode_length']}
    rand = []
    stage = {q: {'side_effects': [], 'completion': []} for q in (0.1, 0.25, 0.5, 1.0)}
    peak, peak_at, reach, secs = [], [], [], []
    for r in runs:
        rows = list(csv.DictReader(open(os.path.join(base, r, 'eval.csv'))))
        for row in rows:
            if row['level'] == 'all' and row['policy'] == 'trained':
                for k in ev: ev[k].append(f(row[k]))
            if row['level'] == 'all' and row['policy'] == 'random':
                rand.append(f(row['side_effects']))
        m = [row for row in csv.DictReader(open(os.path.join(base, r, 'metrics.csv'))) if row['policy_steps']]
        secs.append(f(list(csv.DictReader(open(os.path.join(base, r, 'metrics.csv'))))[-1]['wall_seconds']))
        total = f(m[-1]['policy_steps'])
        # episode-weighted means over 10% windows of the policy phase
        nb = 10
        wins = []
        for b in range(nb):
            lo, hi = total * b / nb, total * (b + 1) / nb
            sel = [row for row in m if lo < f(row['policy_steps']) <= hi]
            e = sum(f(row['episodes']) for row in sel)
            def wm(col):
                s = sum(f(row[col]) * f(row['episodes']) for row in sel if f(row['episodes']) > 0)
                return s / e if e else float('nan')
            wins.append((hi, wm('side_effects'), wm('completion')))
        curves.setdefault(key, []).append(wins)
        for q in stage:
            idx = max(0, int(round(q * nb)) - 1)
            stage[q]['side_effects'].append(wins[idx][1])
            stage[q]['completion'].append(wins[idx][2])
        pk = max(range(nb), key=lambda i: wins[i][1])
        peak.append(wins[pk][1]); peak_at.append((pk + 1) / nb)
        first = next((w[0] for w in wins if w[2] >= 0.5), float('nan'))
        reach.append(first)
    out.append((label, len(runs), ev, stage, peak, peak_at, reach, rand, secs))

print('| agent | seeds | side-effect score | goal completion | episode reward | exit rate | length | wall time (min) |')
print('|---|---|---|---|---|---|---|---|')
for label, n, ev, stage, peak, peak_at, reach, rand, secs in out:
    print(f"| {label} | {n} | {ms(ev['side_effects'])} | {ms(ev['completion'])} | {ms(ev['reward'])} | {ms(ev['exit_rate'])} | {ms(ev['episode_length'])} | {ms([s/60 for s in secs])} |")
print()
print('Over training (episodes ending in each tenth of the policy phase, mean ± sd over seeds):')
print()
print('| agent | side effects at 10% | 25% | 50% | 100% | peak (tenth) | completion at 10% | 25% | 50% | 100% |')
print('|---|---|---|---|---|---|---|---|---|---|')
for label, n, ev, stage, peak, peak_at, reach, rand, secs in out:
    s = stage
    print(f"| {label} | {ms(s[0.1]['side_effects'])} | {ms(s[0.25]['side_effects'])} | {ms(s[0.5]['side_effects'])} | {ms(s[1.0]['side_effects'])} | {ms(peak)} ({', '.join(f'{p:.1f}' for p in peak_at)}) | {ms(s[0.1]['completion'])} | {ms(s[0.25]['completion'])} | {ms(s[0.5]['completion'])} | {ms(s[1.0]['completion'])} |")
print()
print('random agent side effects:', ms([x for o in out for x in o[7]]))
# curves for a figure: mean and sd per tenth
with open(os.path.join(base, 'curves.dat'), 'w') as fh:
    for key, label in conds:
        if key not in curves: continue
        fh.write(f'# {label}\n')
        for b in range(10):
            xs = [c[b][0] for c in curves[key]]
            se = [c[b][1] for c in curves[key] if not math.isnan(c[b][1])]
            co = [c[b][2] for c in curves[key] if not math.isnan(c[b][2])]
            sd = lambda v: st.stdev(v) if len(v) > 1 else 0
            fh.write(f"{xs[0]} {st.mean(se)} {sd(se)} {st.mean(co)} {sd(co)}\n")
        fh.write('\n\n')

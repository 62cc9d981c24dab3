set terminal svg size 900,380 font "Liberation Sans,12" background "#ffffff"
set output "side_effects_curves.svg"
set multiplot layout 1,2
set key below
set grid
set xlabel "task policy environment steps"
set xrange [0:300000]
set yrange [0:1.05]
set title "Side-effect score (mean ± sd over 3 seeds)"
plot "curves.dat" index 0 using 1:($2-$3):($2+$3) with filledcurves lc rgb "#1f77b4" fs transparent solid 0.15 notitle, \
     "" index 0 using 1:2 with linespoints lc rgb "#1f77b4" lw 2 title "PPO", \
     "" index 1 using 1:($2-$3):($2+$3) with filledcurves lc rgb "#d62728" fs transparent solid 0.15 notitle, \
     "" index 1 using 1:2 with linespoints lc rgb "#d62728" lw 2 title "AUP, n = 1", \
     "" index 2 using 1:($2-$3):($2+$3) with filledcurves lc rgb "#2ca02c" fs transparent solid 0.15 notitle, \
     "" index 2 using 1:2 with linespoints lc rgb "#2ca02c" lw 2 title "AUP, n = 4"
set title "Goal completion (mean ± sd over 3 seeds)"
plot "curves.dat" index 0 using 1:($4-$5):($4+$5) with filledcurves lc rgb "#1f77b4" fs transparent solid 0.15 notitle, \
     "" index 0 using 1:4 with linespoints lc rgb "#1f77b4" lw 2 title "PPO", \
     "" index 1 using 1:($4-$5):($4+$5) with filledcurves lc rgb "#d62728" fs transparent solid 0.15 notitle, \
     "" index 1 using 1:4 with linespoints lc rgb "#d62728" lw 2 title "AUP, n = 1", \
     "" index 2 using 1:($4-$5):($4+$5) with filledcurves lc rgb "#2ca02c" fs transparent solid 0.15 notitle, \
     "" index 2 using 1:4 with linespoints lc rgb "#2ca02c" lw 2 title "AUP, n = 4"
unset multiplot

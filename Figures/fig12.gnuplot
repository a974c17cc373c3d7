# Redraws fig12 from fig12.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig12-gnuplot.png'" fig12.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig12-gnuplot.png"
set terminal pngcairo size 1358,731 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig12.csv"
set multiplot layout 2,4 title "DIM without synthetic false samples"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(a) 50 labels (log axis)"
set xlabel "Formation energy"
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.3277040329227037:19.176423976776007]
set logscale y
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(b) 100 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.32172812357097:1.313007223506502]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(c) 250 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.30514252896741667:0.5626396716440141]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(d) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.2456760294011013:0.45255720234080965]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (e)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(e) 50 labels"
set xlabel "Band gap"
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.0895195490506635:16.511684384963257]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (f)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(f) 100 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.5979575837715445:5.935760246519791]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (g)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(g) 250 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.731915410208346:1.3195928156636842]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

# panel (h)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(h) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.6790852208256793:0.8832110746113053]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "linear · DIM no-synth" 3, "MLP · untrained" 4, "MLP · DIM" 5, "MLP · DIM no-synth" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using (4):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (5):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (6):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with boxplot lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM no-synth") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#d55e00" notitle

unset multiplot
set output

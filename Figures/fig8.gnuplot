# Redraws fig8 from fig8.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig8-gnuplot.png'" fig8.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig8-gnuplot.png"
set terminal pngcairo size 1331,731 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig8.csv"
set multiplot layout 2,4 title "Representation learning: regressors on frozen vectors"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(a) 50 labels (log axis)"
set xlabel "Formation energy"
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.33664562579980917:10.89563732027706]
set logscale y
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(b) 100 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.32172812357097:1.313007223506502]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(c) 250 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.2911918978002905:0.8556029261536648]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(d) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:6.5]
set yrange [0.23320227815945083:0.7145059784154699]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (e)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(e) 50 labels (log axis)"
set xlabel "Band gap"
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.7218077530201997:18.258927730570925]
set logscale y
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (f)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(f) 100 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.5979575837715445:5.935760246519791]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (g)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(g) 250 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.7195515610778908:1.5792336474032458]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

# panel (h)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(h) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:6.5]
set yrange [0.6664249911966847:1.1490758968201908]
set xtics ("linear · untrained" 1, "linear · DIM" 2, "MLP · untrained" 3, "MLP · DIM" 4, "MLP · OFM" 5, "MLP · XRD" 6) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (4):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (5):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with boxplot lc rgb "#009e73" notitle, \
     data using (6):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with boxplot lc rgb "#cc79a7" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "linear · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · untrained") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · DIM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · OFM") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#009e73" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "MLP · XRD") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#cc79a7" notitle

unset multiplot
set output

# Redraws fig7 from fig7.csv (columns: panel,kind,series,key,x,y,z).
# Run in the folder holding the CSV:  gnuplot -e "outfile='fig7-gnuplot.png'" fig7.gnuplot
# Differences from the Cairo figure: box plots are vertical and use gnuplot's quartiles;
# paired-trial lines are not drawn; dots are jittered with gnuplot's rand(0) (fixed default seed).
if (!exists("outfile")) outfile = "fig7-gnuplot.png"
set terminal pngcairo size 1342,617 font "DejaVu Sans,8" noenhanced
set output outfile
set datafile separator comma
data = "fig7.csv"
set multiplot layout 2,4 title "Transfer learning: supervised Site-Net by initialisation"

# panel (a)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key top right font ",7" opaque
set title "(a) 50 labels"
set xlabel "Formation energy"
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.31921560820828865:0.6053794472281767]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "a" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "a" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" title "paper median (full Matbench)"

# panel (b)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(b) 100 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.2515347122761521:0.5125356803678023]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "b" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "b" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (c)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(c) 250 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.19200584920024166:0.38316243575236947]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "c" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "c" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (d)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(d) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV/atom)"
set xrange [0.5:3.5]
set yrange [0.12352031887765068:0.19472246100582616]
set xtics ("random init" 1, "DIM init" 2, "from gap model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "d" && strcol(2) eq "box" && strcol(3) eq "from gap model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "d" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (e)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(e) 50 labels"
set xlabel "Band gap"
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.7095363531228729:0.9952010798832874]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "e" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "e" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (f)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(f) 100 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.68881245191121:0.9640964587331956]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "f" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "f" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (g)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(g) 250 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.6257525081734451:0.7970041662774551]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "g" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "g" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

# panel (h)
unset logscale; unset arrow; unset label; unset colorbox; set xtics auto; set ytics auto; set xtics norotate; unset lmargin
set style fill transparent solid 0.25 border
set key off
set title "(h) 1000 labels"
set xlabel ""
set ylabel "test MAE (eV)"
set xrange [0.5:3.5]
set yrange [0.5129096343148701:0.6851218269373872]
set xtics ("random init" 1, "DIM init" 2, "from e_form model" 3) rotate by 30 right
set lmargin 12
set style boxplot nooutliers range 1e30
plot data using (1):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with boxplot lc rgb "#7f7f7f" notitle, \
     data using (2):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with boxplot lc rgb "#0072b2" notitle, \
     data using (3):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with boxplot lc rgb "#e69f00" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "random init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#7f7f7f" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "DIM init") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#0072b2" notitle, \
     data using ($5 + 0.3 * (rand(0) - 0.5)):((strcol(1) eq "h" && strcol(2) eq "box" && strcol(3) eq "from e_form model") ? $6 : 1/0) with points pt 7 ps 0.35 lc rgb "#e69f00" notitle, \
     data using ($5):((strcol(1) eq "h" && strcol(2) eq "box_ref") ? $6 : 1/0) with points pt 13 ps 1.3 lc rgb "#d62728" notitle

unset multiplot
set output
